package io.windshift.messaging.consume;

/** Bytes that are not a CloudEvent: never retried, sent to the dead-letter topic with this reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
