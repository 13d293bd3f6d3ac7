package io.windshift.messaging.retention;

import java.time.Instant;

/**
 * Something a service keeps only for a while (processed-event ids, released HR events). The
 * {@link RetentionSweeper} runs every task's trim under a lease named after it, so one instance trims at a time.
 */
public interface RetentionTask {

    /** Names the lease; unique per service. */
    String name();

    /** Removes what is past retention at {@code now}, in bounded work per call; returns how much went. */
    long trim(Instant now);
}
