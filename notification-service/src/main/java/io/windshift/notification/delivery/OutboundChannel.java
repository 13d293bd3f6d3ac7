package io.windshift.notification.delivery;

import io.windshift.notification.inbox.Notification;

/** One way out of the building (SMTP relay, webhook endpoint). Throws on failure. */
public interface OutboundChannel {

    String name();

    /** Checks what can be checked without calling out; an {@link Undeliverable} is never retried. */
    void send(Notification notification) throws Exception;

    /** Nothing to retry: no address, no webhook URL, no signing secret. */
    class Undeliverable extends RuntimeException {
        public Undeliverable(String message) {
            super(message);
        }
    }
}
