package io.windshift.obligation.schedule.internal;

import io.windshift.messaging.schedule.FixedDelayLoop;
import io.windshift.obligation.schedule.ReminderScheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs a scheduler pass at a fixed delay ({@code windshift.obligation.scheduler.interval}, default 10 s). */
@Component
@ConditionalOnProperty(name = "windshift.obligation.scheduler.enabled", matchIfMissing = true)
class SchedulerLoop extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoop.class);

    private final ReminderScheduler scheduler;

    SchedulerLoop(ReminderScheduler scheduler, @Value("${windshift.obligation.scheduler.interval:PT10S}") Duration interval) {
        super("obligation-scheduler", interval);
        this.scheduler = scheduler;
    }

    @Override
    protected void round() {
        try {
            int claimed = scheduler.runOnce();
            if (claimed > 0) {
                log.info("Scheduler pass sent {} reminder(s)", claimed);
            }
        } catch (RuntimeException e) {
            log.warn("Scheduler pass failed, will try again: {}", e.getMessage());
        }
    }
}
