package io.windshift.messaging.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop written once: runs {@link #runOnce()} on its own daemon thread at a fixed delay while the
 * application runs, and {@link #afterStop()} when it stops (e.g. to give up leases so another instance takes over
 * at once). A failing round is the subclass's to log; the loop goes on.
 */
public abstract class FixedDelayLoop implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    private ScheduledExecutorService executor;

    protected FixedDelayLoop(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** One round. */
    protected abstract void round();

    /** Called once the loop has stopped; nothing by default. */
    protected void afterStop() {
    }

    protected Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                round();
            } catch (RuntimeException e) {
                // A round that failed must not end the schedule (a thrown exception would).
                org.slf4j.LoggerFactory.getLogger(getClass()).warn("{} round failed, will try again: {}", threadName, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            afterStop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
