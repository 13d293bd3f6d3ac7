package io.windshift.notification.delivery;

import io.windshift.notification.inbox.Notification;

/** The words of an outbound message: what changed, which alliances, what to do, and where to look. */
public final class MessageText {

    private MessageText() {
    }

    public static String subject(Notification n) {
        return "[Windshift " + n.severity() + "] " + n.title();
    }

    public static String text(Notification n, String baseUrl) {
        StringBuilder text = new StringBuilder(n.body());
        if (!n.allianceIds().isEmpty()) {
            text.append("\n\nAlliances: ").append(String.join(", ", n.allianceIds()));
        }
        for (String link : n.links()) {
            text.append("\nDetails: ").append(baseUrl).append(link);
        }
        text.append("\nIn your inbox: ").append(baseUrl).append("/api/v1/notifications (").append(n.id()).append(')');
        return text.toString();
    }
}
