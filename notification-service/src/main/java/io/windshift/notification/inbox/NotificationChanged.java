package io.windshift.notification.inbox;

/** Published in-process after a notification was stored or changed: the live stream pushes it. */
public record NotificationChanged(String notificationId, String recipientId) {
}
