package io.windshift.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Wrong passwords per person: after {@code max-failures} in a row the person is locked out for {@code duration}
 * (a correct password resets the count). Kept in memory: a restart of the provider unlocks everybody, which is
 * acceptable for a developer's provider (production uses the company's provider and its lockout).
 */
@Component
public class SignInAttempts {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> byPerson = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final Duration duration;
    private Clock clock = Clock.systemUTC();

    SignInAttempts(@Value("${windshift.identity.lockout.max-failures:5}") int maxFailures,
                   @Value("${windshift.identity.lockout.duration:15m}") Duration duration) {
        this.maxFailures = maxFailures;
        this.duration = duration;
    }

    /** For tests of the time rule. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** Until when the person is locked out, if they are now. */
    public Optional<Instant> lockedUntil(String person) {
        Failures f = byPerson.get(key(person));
        return f == null || f.lockedUntil() == null || !clock.instant().isBefore(f.lockedUntil()) ? Optional.empty() : Optional.of(f.lockedUntil());
    }

    /** A wrong password; returns the lock's end when this one locked the person out. */
    public Optional<Instant> failed(String person) {
        Instant now = clock.instant();
        Failures next = byPerson.compute(key(person), (k, f) -> {
            int count = f == null || (f.lockedUntil() != null && !now.isBefore(f.lockedUntil())) ? 1 : f.count() + 1;
            return new Failures(count, count >= maxFailures ? now.plus(duration) : null);
        });
        return Optional.ofNullable(next.lockedUntil());
    }

    public void succeeded(String person) {
        byPerson.remove(key(person));
    }

    public Duration duration() {
        return duration;
    }

    private static String key(String person) {
        return person == null ? "" : person.strip().toLowerCase(Locale.ROOT);
    }
}
