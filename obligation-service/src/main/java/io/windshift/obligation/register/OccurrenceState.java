package io.windshift.obligation.register;

/**
 * What is stored for an occurrence. DUE_SOON and OVERDUE are not stored: they follow from the clock and
 * the due date (see {@link Occurrence#status}), so they are never stale between scheduler passes.
 */
public enum OccurrenceState {
    OPEN, FULFILLED, WAIVED, IN_DISPUTE;

    public boolean isClosed() {
        return this == FULFILLED || this == WAIVED;
    }
}
