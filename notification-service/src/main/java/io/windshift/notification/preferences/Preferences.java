package io.windshift.notification.preferences;

import io.windshift.notification.inbox.Category;
import io.windshift.notification.inbox.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How one person wants to hear: channels per category in order of preference (the first outbound one is
 * used, the next ones are failovers), a severity threshold for outbound channels, quiet hours and a daily
 * digest time in their own time zone, and their webhook address. Times are "HH:mm" in {@code timeZone}.
 */
@Document("preferences")
public record Preferences(@Id String personId, String timeZone, Map<String, List<String>> channels, String minimumSeverity,
                          String quietHoursStart, String quietHoursEnd, boolean digestEnabled, String digestTime,
                          String webhookUrl, Instant updatedAt) {

    public Preferences {
        channels = channels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(channels);
    }

    /** What a person who never said anything gets: inbox and email for everything, no quiet hours, no digest. */
    public static Preferences defaults(String personId) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            channels.put(category.name(), List.of(Channel.IN_APP.name(), Channel.EMAIL.name()));
        }
        return new Preferences(personId, "UTC", channels, Severity.LOW.name(), null, null, false, "08:00", null, null);
    }

    public List<Channel> channelsFor(Category category) {
        return channels.getOrDefault(category.name(), List.of(Channel.IN_APP.name(), Channel.EMAIL.name())).stream()
                .map(Channel::valueOf).toList();
    }

    public Severity threshold() {
        return minimumSeverity == null ? Severity.LOW : Severity.valueOf(minimumSeverity);
    }
}
