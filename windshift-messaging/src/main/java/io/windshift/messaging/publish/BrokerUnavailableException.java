package io.windshift.messaging.publish;

import java.time.Duration;

/** Nothing of the request was published because the broker is away; the caller may try again after {@link #retryAfter()}. */
public class BrokerUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public BrokerUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
