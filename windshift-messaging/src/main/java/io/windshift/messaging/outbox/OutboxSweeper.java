package io.windshift.messaging.outbox;

import io.windshift.messaging.schedule.FixedDelayLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the relay's safety-net sweep at a fixed delay while the application runs. */
public class OutboxSweeper extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;

    public OutboxSweeper(OutboxRelay relay, Duration interval) {
        super("outbox-sweeper", interval);
        this.relay = relay;
    }

    @Override
    protected void round() {
        try {
            int published = relay.sweep();
            if (published > 0) {
                log.info("Outbox sweep published {} event(s) left pending", published);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed, will try again: {}", e.getMessage());
        }
    }

    @Override
    protected void afterStop() {
        try {
            relay.releaseLeases();
        } catch (RuntimeException e) {
            log.debug("Could not release sweep leases (they expire on their own): {}", e.getMessage());
        }
    }
}
