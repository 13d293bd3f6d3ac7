package io.windshift.messaging.consume;

/** Why a record went to the dead-letter topic, in one line: the most telling cause's type and message. */
public final class DeadLetterReason {

    public static final String HEADER = "windshift-dlt-reason";

    private DeadLetterReason() {
    }

    /** Our own classification wins (it names the field or rule); otherwise the innermost cause. */
    public static String of(Throwable exception) {
        Throwable root = exception;
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedEventException || t instanceof PoisonEventException) {
                return describe(t);
            }
            root = t;
        }
        return describe(root);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
