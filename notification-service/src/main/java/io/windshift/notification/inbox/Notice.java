package io.windshift.notification.inbox;

/**
 * One fact for one recipient. Notices with the same trigger and recipient become one notification:
 * {@code triggerEventId} is the change that started it all (the id the client posted).
 */
public record Notice(String recipientId, String triggerEventId, String contributingEventId, String type, Severity severity,
                     String title, String line, String allianceId) {
}
