package io.windshift.notification.delivery;

import io.windshift.notification.inbox.Notification;
import java.util.List;
import java.util.stream.Collectors;

/** The words of an outbound message: what changed, which alliances, what to do, and where to look. */
public final class MessageText {

    private MessageText() {
    }

    /** One message: a single notification, or a person's daily digest of several. */
    public record OutboundMessage(String recipientId, String id, String subject, String text, String severity, List<String> allianceIds,
                                  String sourceEventId, List<String> links) {
    }

    public static OutboundMessage of(Notification n, String baseUrl) {
        return new OutboundMessage(n.recipientId(), n.id() + "/" + n.contentRevision(), "[Windshift " + n.severity() + "] " + n.title(),
                text(n, baseUrl), n.severity().name(), n.allianceIds(), n.sourceEventId(), n.links().stream().map(l -> baseUrl + l).toList());
    }

    /** LOW notifications held for the daily digest go out together, as one message. */
    public static OutboundMessage digest(String recipientId, List<Notification> items, String baseUrl) {
        String text = items.stream().map(n -> "* " + n.title() + "\n" + text(n, baseUrl)).collect(Collectors.joining("\n\n"));
        String id = "digest/" + items.stream().map(n -> n.id() + "/" + n.contentRevision()).sorted().collect(Collectors.joining(","));
        return new OutboundMessage(recipientId, id, "[Windshift] Daily digest: " + items.size() + " notification" + (items.size() == 1 ? "" : "s"),
                text, "LOW", items.stream().flatMap(n -> n.allianceIds().stream()).distinct().toList(), null,
                items.stream().flatMap(n -> n.links().stream()).distinct().map(l -> baseUrl + l).toList());
    }

    static String text(Notification n, String baseUrl) {
        StringBuilder text = new StringBuilder(n.body());
        if (!n.allianceIds().isEmpty()) {
            text.append("\n\nAlliances: ").append(String.join(", ", n.allianceIds()));
        }
        for (String link : n.links()) {
            text.append("\nDetails: ").append(baseUrl).append(link);
        }
        text.append("\nIn your inbox: ").append(baseUrl).append("/api/v1/notifications/").append(n.id());
        return text.toString();
    }
}
