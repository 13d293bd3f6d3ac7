package io.windshift.alliance.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.messaging.retention.RetentionSweeper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Future-dated HR events that were released or rescinded are kept for the retention (30 days by default) and
 * then deleted by the shared retention sweeper; events still waiting for their date are never trimmed.
 */
class ReleasedHrEventsRetentionIT extends AllianceServiceIntegrationTest {

    static final Duration RETENTION = Duration.ofDays(30);

    @Autowired ScheduledHrEvents scheduled;
    @Autowired RetentionSweeper retention;

    @Test
    void releasedAndRescindedEventsGoAfterTheirRetentionAndNotBefore() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        LocalDate inTwoDays = LocalDate.now(clock).plusDays(2);
        String released = "hr-rel-" + u;
        String rescinded = "hr-res-" + u;
        String waiting = "hr-wait-" + u;
        postHr(terminated(released, "p-ret-" + u, inTwoDays));
        postHr(terminated(rescinded, "p-ret2-" + u, inTwoDays));
        postHr(terminated(waiting, "p-ret3-" + u, inTwoDays.plusYears(1)));
        Instant rescindedAt = clock.instant();
        postHr("""
                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}
                """.formatted(UUID.randomUUID(), rescinded));
        clock.travelTo(inTwoDays);
        Instant releasedAt = clock.instant();
        scheduled.releaseDue();
        assertThat(scheduled.statusOf(released)).isEqualTo(ScheduledHrEvents.Status.RELEASED);

        travelTo(rescindedAt.plus(RETENTION).minus(Duration.ofHours(1)));
        retention.runOnce();
        assertThat(scheduled.statusOf(rescinded)).as("rescinded, inside retention").isEqualTo(ScheduledHrEvents.Status.RESCINDED);
        assertThat(scheduled.statusOf(released)).isEqualTo(ScheduledHrEvents.Status.RELEASED);

        travelTo(rescindedAt.plus(RETENTION).plus(Duration.ofHours(1)));
        retention.runOnce();
        assertThat(scheduled.statusOf(rescinded)).as("rescinded, past retention").isNull();
        assertThat(scheduled.statusOf(released)).as("released later, inside retention").isEqualTo(ScheduledHrEvents.Status.RELEASED);

        travelTo(releasedAt.plus(RETENTION).plus(Duration.ofHours(1)));
        retention.runOnce();
        assertThat(scheduled.statusOf(released)).as("released, past retention").isNull();
        assertThat(scheduled.statusOf(waiting)).as("still waiting for its date").isEqualTo(ScheduledHrEvents.Status.SCHEDULED);
        scheduled.cancel(waiting);
    }

    private void travelTo(Instant when) {
        Duration by = Duration.between(clock.instant(), when);
        if (!by.isNegative()) {
            clock.travel(by);
        }
    }

    static String terminated(String id, String personId, LocalDate effective) {
        return """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"%s","reasonCode":"RESIGNATION"}}
                """.formatted(id, personId, effective);
    }
}
