package io.windshift.messaging.consume;

/**
 * A well-formed event that can never be applied (unknown type, invalid payload). Retrying cannot heal
 * it, so the error handler sends it straight to the dead-letter topic with this message as the reason.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
