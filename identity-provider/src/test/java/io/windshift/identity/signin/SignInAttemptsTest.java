package io.windshift.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInAttemptsTest {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void theFifthWrongPasswordLocksForFifteenMinutesThenTheCountStartsAgain() {
        SignInAttempts attempts = new SignInAttempts(5, Duration.ofMinutes(15));
        attempts.useClock(Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 4; i++) {
            assertThat(attempts.failed("p-ana")).isEmpty();
        }
        assertThat(attempts.failed("P-ANA ")).contains(T0.plus(Duration.ofMinutes(15)));
        assertThat(attempts.lockedUntil("p-ana")).isPresent();
        assertThat(attempts.lockedUntil("p-ben")).isEmpty();

        attempts.useClock(Clock.fixed(T0.plus(Duration.ofMinutes(15)), ZoneOffset.UTC));
        assertThat(attempts.lockedUntil("p-ana")).isEmpty();
        assertThat(attempts.failed("p-ana")).as("a fresh count after the lock ran out").isEmpty();
    }

    @Test
    void aCorrectPasswordResetsTheCount() {
        SignInAttempts attempts = new SignInAttempts(5, Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            attempts.failed("p-ana");
        }
        attempts.succeeded("p-ana");
        assertThat(attempts.failed("p-ana")).isEmpty();
    }
}
