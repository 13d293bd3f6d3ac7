package io.windshift.local.launch;

/** A component did not start or get ready; carries the instance so the caller can show its log. */
public final class LaunchException extends RuntimeException {

    private final transient Instance instance;

    public LaunchException(String message, Instance instance) {
        super(message);
        this.instance = instance;
    }

    public Instance instance() {
        return instance;
    }

    /** The last lines of the instance's log, for the error message. */
    public String logTail(int lines) {
        if (instance == null) {
            return "";
        }
        try {
            java.util.List<String> all = java.nio.file.Files.readAllLines(instance.log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(no log at " + instance.log() + ")";
        }
    }
}
