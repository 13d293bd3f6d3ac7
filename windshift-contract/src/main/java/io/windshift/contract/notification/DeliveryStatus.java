package io.windshift.contract.notification;

import java.time.Instant;

/**
 * {@code notification.delivery-status}: one delivery attempt of a notification on one channel. Status is
 * SENT, FAILED (will retry), DEAD (gave up after the last attempt), SUPPRESSED (preferences), DEFERRED
 * (quiet hours or digest), CANCELLED or ESCALATED.
 */
public record DeliveryStatus(
        String notificationId,
        String recipientId,
        String channel,
        int attempt,
        String status,
        String detail,
        Instant at) {
}
