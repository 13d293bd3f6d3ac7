package io.windshift.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the relay's safety-net sweep at a fixed delay while the application runs. */
public class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public OutboxSweeper(OutboxRelay relay, Duration interval) {
        this.relay = relay;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-sweeper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweepOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
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
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            try {
                relay.releaseLeases();
            } catch (RuntimeException e) {
                log.debug("Could not release sweep leases (they expire on their own): {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
