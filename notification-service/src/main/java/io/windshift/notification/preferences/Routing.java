package io.windshift.notification.preferences;

import java.time.Instant;
import java.util.List;

/**
 * Where and when a notification goes out: {@code order} lists the outbound channels the person allows,
 * first = primary, the rest are failovers. {@code dueAt} is now, the end of quiet hours, or the digest time;
 * when {@code suppressed} nothing goes out (the inbox still holds it) and {@code reason} says why.
 */
public record Routing(List<Channel> order, Instant dueAt, String deferredReason, boolean suppressed, String reason) {

    public Routing {
        order = order == null ? List.of() : List.copyOf(order);
    }

    static Routing suppressed(String reason) {
        return new Routing(List.of(), null, null, true, reason);
    }
}
