package io.windshift.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherStatusTest {

    @Test
    void readsEachInstanceAndAddsUpTheRssOfWhatIsWanted() {
        LauncherStatus status = LauncherStatus.parse("""
                phase\tup
                kafka#1\tREADY\t101\t9092\t0\t330\t2100\ttrue
                gateway#1\tREADY\t102\t8080\t0\t250\t6400\ttrue
                notification-service#2\tSTOPPED\t-\t8093\t0\t-1\t-\tfalse
                """);

        assertThat(status.allReady()).isTrue();
        assertThat(status.totalRssMb()).isEqualTo(580);
        assertThat(status.instances()).extracting(LauncherStatus.Instance::startUpMillis).containsExactly(2100L, 6400L, -1L);
    }

    @Test
    void notAllReadyWhileStartingOrWhenAWantedInstanceIsNotReady() {
        assertThat(LauncherStatus.parse("phase\tstarting services\nkafka#1\tREADY\t1\t9092\t0\t330\t2100\ttrue\n").allReady()).isFalse();
        assertThat(LauncherStatus.parse("phase\tup\nkafka#1\tCRASHED\t-\t9092\t1\t-1\t-\ttrue\n").allReady()).isFalse();
    }
}
