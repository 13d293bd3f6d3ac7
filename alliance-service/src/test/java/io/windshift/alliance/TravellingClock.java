package io.windshift.alliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock shifted by an offset tests can move forward: time passes, and tests can travel. */
public class TravellingClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void travel(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Moves to the same time of day on {@code date} (never backwards: leases and sweeps rely on it). */
    public void travelTo(java.time.LocalDate date) {
        Duration by = Duration.between(instant(), date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(12 * 3600));
        if (!by.isNegative()) {
            travel(by);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
