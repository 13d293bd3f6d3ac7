package io.windshift.obligation.schedule.internal;

import io.windshift.obligation.schedule.ReminderScheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs a scheduler pass at a fixed delay ({@code windshift.obligation.scheduler.interval}, default 10 s). */
@Component
@ConditionalOnProperty(name = "windshift.obligation.scheduler.enabled", matchIfMissing = true)
class SchedulerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

    private final ReminderScheduler scheduler;
    private final Duration interval;
    private ScheduledExecutorService executor;

    SchedulerLoop(ReminderScheduler scheduler, @Value("${windshift.obligation.scheduler.interval:PT10S}") Duration interval) {
        this.scheduler = scheduler;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "obligation-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            int claimed = scheduler.runOnce();
            if (claimed > 0) {
                log.info("Scheduler pass sent {} reminder(s)", claimed);
            }
        } catch (RuntimeException e) {
            log.warn("Scheduler pass failed, will try again: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
