package io.windshift.notification.delivery;

import io.windshift.notification.delivery.MessageText.OutboundMessage;

/** One way out of the building (SMTP relay, webhook endpoint). Throws on failure. */
public interface OutboundChannel {

    String name();

    /** Sends one message; throws {@link Undeliverable} when it can never work, anything else when it may next time. */
    void send(OutboundMessage message) throws Exception;

    /** Nothing to retry: no address, no webhook URL, no signing secret. */
    class Undeliverable extends RuntimeException {
        public Undeliverable(String message) {
            super(message);
        }
    }

    /**
     * No address yet: the person's record may still be on its way (another topic, a replay). Retried with backoff
     * like a transient failure, but no fault of the channel, so it never counts against the channel's breaker.
     */
    class NotYetAddressable extends Undeliverable {
        public NotYetAddressable(String message) {
            super(message);
        }
    }
}
