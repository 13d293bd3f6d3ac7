package io.windshift.notification.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification per recipient per triggering change. Later facts from the same trigger (another
 * alliance, another vacated role) update it instead of adding another; {@code contributingEventIds}
 * makes a redelivered fact change nothing.
 */
@Document("notifications")
public class Notification {

    @Id
    private final String id;
    private final String recipientId;
    private final String type;
    private Severity severity;
    private String title;
    private final List<String> lines;
    private final List<String> allianceIds;
    private final String sourceEventId;
    private final List<String> contributingEventIds;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant readAt;
    @Version
    private Long version;

    @PersistenceCreator
    Notification(String id, String recipientId, String type, Severity severity, String title, List<String> lines,
                 List<String> allianceIds, String sourceEventId, List<String> contributingEventIds, Instant createdAt,
                 Instant updatedAt, Instant readAt, Long version) {
        this.id = id;
        this.recipientId = recipientId;
        this.type = type;
        this.severity = severity;
        this.title = title;
        this.lines = new ArrayList<>(lines == null ? List.of() : lines);
        this.allianceIds = new ArrayList<>(allianceIds == null ? List.of() : allianceIds);
        this.sourceEventId = sourceEventId;
        this.contributingEventIds = new ArrayList<>(contributingEventIds == null ? List.of() : contributingEventIds);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.readAt = readAt;
        this.version = version;
    }

    static Notification first(String id, Notice notice, Instant now) {
        return new Notification(id, notice.recipientId(), notice.type(), notice.severity(), notice.title(), List.of(notice.line()),
                List.of(notice.allianceId()), notice.triggerEventId(), List.of(notice.contributingEventId()), now, now, null, null);
    }

    boolean alreadyHas(Notice notice) {
        return contributingEventIds.contains(notice.contributingEventId());
    }

    /** Folds another fact of the same trigger into this notification; it becomes unread again. */
    void merge(Notice notice, Instant now) {
        contributingEventIds.add(notice.contributingEventId());
        if (!lines.contains(notice.line())) {
            lines.add(notice.line());
        }
        if (!allianceIds.contains(notice.allianceId())) {
            allianceIds.add(notice.allianceId());
        }
        severity = severity.max(notice.severity());
        title = allianceIds.size() > 1
                ? "Changes on " + allianceIds.size() + " of your alliances need action"
                : (lines.size() > 1 ? "Several roles vacated on one of your alliances" : notice.title());
        updatedAt = now;
        readAt = null;
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String recipientId() {
        return recipientId;
    }

    public String type() {
        return type;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String body() {
        return String.join("\n", lines);
    }

    public List<String> allianceIds() {
        return List.copyOf(allianceIds);
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant readAt() {
        return readAt;
    }
}
