package io.windshift.messaging.retention;

import io.windshift.messaging.schedule.FixedDelayLoop;
import io.windshift.messaging.store.Leases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link RetentionTask} at a fixed delay ({@code windshift.messaging.retention-interval}, default
 * an hour). Each run of a task is claimed with its lease ({@code retention:<name>}, held for one interval and
 * renewed by its holder), so with several instances one of them trims and the others skip.
 */
public class RetentionSweeper extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    public static final String LEASES = "scheduler_leases";

    private final List<RetentionTask> tasks;
    private final Leases leases;
    private final Clock clock;
    private final Duration interval;

    public RetentionSweeper(List<RetentionTask> tasks, Leases leases, Clock clock, Duration interval) {
        super("retention-sweeper", interval);
        this.tasks = List.copyOf(tasks);
        this.leases = leases;
        this.clock = clock;
        this.interval = interval;
    }

    /** One round over every task whose lease this instance gets; returns what was removed in all. */
    public long runOnce() {
        long removed = 0;
        for (RetentionTask task : tasks) {
            if (!leases.claim("retention:" + task.name(), interval)) {
                continue;
            }
            try {
                long gone = task.trim(clock.instant());
                if (gone > 0) {
                    log.info("Retention trim of {} removed {}", task.name(), gone);
                }
                removed += gone;
            } catch (RuntimeException e) {
                log.warn("Retention trim of {} failed, will try again: {}", task.name(), e.getMessage());
            }
        }
        return removed;
    }

    @Override
    protected void round() {
        runOnce();
    }

    @Override
    protected void afterStop() {
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            log.debug("Could not release retention leases (they expire on their own): {}", e.getMessage());
        }
    }
}
