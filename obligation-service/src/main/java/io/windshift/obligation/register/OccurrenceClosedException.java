package io.windshift.obligation.register;

/** A fulfilled or waived occurrence does not change any more. */
public class OccurrenceClosedException extends RuntimeException {
    public OccurrenceClosedException(String occurrenceId, OccurrenceState state) {
        super("occurrence " + occurrenceId + " is already " + state);
    }
}
