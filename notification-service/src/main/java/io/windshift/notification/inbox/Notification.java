package io.windshift.notification.inbox;

import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification per recipient per triggering change. Later facts from the same trigger (another
 * alliance, another vacated role, a revised impact) update it instead of adding another;
 * {@code contributingEventIds} makes a redelivered fact change nothing. The document also carries its
 * outbound delivery queue and its own outbox of delivery-status events, so every change is one write.
 */
@Document("notifications")
public class Notification implements OutboxAggregate {

    /** Facts about one impact (the impact, its progress, an action assigned, due or overdue) link to it. */
    public static final String IMPACT_LINK = "/api/v1/impacts/";

    @Id
    private final String id;
    private final String recipientId;
    private final String type;
    private final Category category;
    private Severity severity;
    private String title;
    private final List<Fact> facts;
    private final List<String> allianceIds;
    private final String sourceEventId;
    private final List<String> contributingEventIds;
    private final String occurrenceId;
    private LocalDate dueDate;
    private final Instant firstEventAt;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant readAt;
    private Instant archivedAt;
    private Instant escalatedAt;
    private String escalatedTo;
    private Instant cancelledAt;
    private int contentRevision;
    private final List<Delivery> deliveries;
    private Instant nextDeliveryAt;
    private final List<OutboxEvent> pendingEvents;
    @Version
    private Long version;

    @PersistenceCreator
    Notification(String id, String recipientId, String type, Category category, Severity severity, String title, List<Fact> facts,
                 List<String> allianceIds, String sourceEventId, List<String> contributingEventIds, String occurrenceId,
                 LocalDate dueDate, Instant firstEventAt, Instant createdAt, Instant updatedAt, Instant readAt, Instant archivedAt,
                 Instant escalatedAt, String escalatedTo, Instant cancelledAt, int contentRevision, List<Delivery> deliveries,
                 Instant nextDeliveryAt, List<OutboxEvent> pendingEvents, Long version) {
        this.id = id;
        this.recipientId = recipientId;
        this.type = type;
        this.category = category == null ? Category.of(type) : category;
        this.severity = severity;
        this.title = title;
        this.facts = new ArrayList<>(facts == null ? List.of() : facts);
        this.allianceIds = new ArrayList<>(allianceIds == null ? List.of() : allianceIds);
        this.sourceEventId = sourceEventId;
        this.contributingEventIds = new ArrayList<>(contributingEventIds == null ? List.of() : contributingEventIds);
        this.occurrenceId = occurrenceId;
        this.dueDate = dueDate;
        this.firstEventAt = firstEventAt;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.readAt = readAt;
        this.archivedAt = archivedAt;
        this.escalatedAt = escalatedAt;
        this.escalatedTo = escalatedTo;
        this.cancelledAt = cancelledAt;
        this.contentRevision = contentRevision;
        this.deliveries = new ArrayList<>(deliveries == null ? List.of() : deliveries);
        this.nextDeliveryAt = nextDeliveryAt;
        this.pendingEvents = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
        this.version = version;
    }

    static Notification first(String id, Notice notice, Instant now) {
        Notification n = new Notification(id, notice.recipientId(), notice.type(), notice.category(), notice.severity(), notice.title(),
                List.of(), List.of(), notice.triggerEventId(), List.of(), notice.occurrenceId(), notice.dueDate(),
                notice.occurredAt(), now, now, null, null, null, null, null, 0, List.of(), null, List.of(), null);
        n.merge(notice, now);
        return n;
    }

    boolean alreadyHas(Notice notice) {
        return contributingEventIds.contains(notice.contributingEventId());
    }

    /**
     * Folds another fact of the same trigger into this notification; it becomes unread again (and is sent
     * again: the content revision moves), unless the notice is quiet (progress) or the revision says nothing
     * new, which updates what the item shows and nothing else. A fact with the key of
     * one already held replaces it only when its revision is higher (a resolution also wins at the same
     * revision as the last action change). Returns whether anything changed.
     */
    boolean merge(Notice notice, Instant now) {
        contributingEventIds.add(notice.contributingEventId());
        Fact incoming = Fact.of(notice);
        boolean quiet = notice.quiet();
        Optional<Fact> same = facts.stream().filter(f -> f.key().equals(notice.factKey())).findFirst();
        if (same.isPresent()) {
            Fact held = same.get();
            if (!replaces(incoming, held)) {
                return false;
            }
            if (incoming.isProgress() && held.isProgress()) {
                incoming = incoming.withProgress(incoming.progress().over(held.progress()));
            }
            quiet = quiet || nothingNew(held, incoming);
            facts.set(facts.indexOf(held), incoming);
        } else {
            facts.add(incoming);
        }
        if (notice.allianceId() != null && !allianceIds.contains(notice.allianceId())) {
            allianceIds.add(notice.allianceId());
        }
        if (notice.dueDate() != null) {
            dueDate = notice.dueDate();
        }
        recompute();
        updatedAt = now;
        if (!quiet) {
            contentRevision++;
            readAt = null;
        }
        return true;
    }

    /**
     * A revision that says nothing new (the impact moved to IN_PROGRESS or RESOLVED with the same findings, and
     * at most fewer things to do) is folded in quietly, like progress.
     */
    static boolean nothingNew(Fact held, Fact incoming) {
        return !incoming.isProgress() && held.rescinded() == incoming.rescinded() && held.severity() == incoming.severity()
                && Objects.equals(held.title(), incoming.title()) && Objects.equals(held.line(), incoming.line())
                && Objects.equals(held.link(), incoming.link()) && held.actions().containsAll(incoming.actions());
    }

    /** Whether an incoming fact replaces the one held under the same key. */
    static boolean replaces(Fact incoming, Fact held) {
        if (incoming.revision() != held.revision()) {
            return incoming.revision() > held.revision();
        }
        return incoming.isProgress() && held.isProgress() && incoming.progress().resolved() && !held.progress().resolved();
    }

    /** Severity is the highest of the facts still standing; the title covers every fact. Progress reports are neither. */
    private void recompute() {
        List<Fact> changes = facts.stream().filter(f -> !f.isProgress()).toList();
        if (changes.isEmpty()) {
            changes = facts;
        }
        List<Fact> standing = changes.stream().filter(f -> !f.rescinded()).toList();
        severity = (standing.isEmpty() ? changes : standing).stream().map(Fact::severity).reduce(Severity.LOW, Severity::max);
        List<String> names = changes.stream().map(Fact::allianceName).filter(Objects::nonNull).distinct().toList();
        if (standing.isEmpty()) {
            title = "Rescinded: no action needed" + (names.isEmpty() ? "" : " on " + String.join(", ", names));
        } else if (allianceIds.size() > 1) {
            title = "Changes on " + allianceIds.size() + " of your alliances need action";
        } else if (standing.size() > 1) {
            // Lead with the first fact (what started it), and say there is more.
            int more = standing.size() - 1;
            title = standing.getFirst().title() + " and " + more + " more change" + (more == 1 ? "" : "s");
        } else {
            title = standing.getFirst().title();
        }
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    void archive(Instant now) {
        if (archivedAt == null) {
            archivedAt = now;
        }
        markRead(now);
    }

    void escalated(String to, Instant now) {
        escalatedAt = now;
        escalatedTo = to;
    }

    /** The reminder no longer applies (fulfilled, waived, moved): say so on the notification itself. */
    void cancelled(Instant now, String why) {
        cancelledAt = now;
        facts.add(new Fact("cancelled", type, null, null, Severity.LOW, title, "Reminder withdrawn: " + why + ".", List.of(), null, 0, true));
        updatedAt = now;
    }

    void contentPlanned() {
        nextDeliveryAt = deliveries.stream().map(Delivery::nextLook).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    Optional<Delivery> delivery(String channel) {
        return deliveries.stream().filter(d -> d.channel().equals(channel)).findFirst();
    }

    void add(Delivery delivery) {
        deliveries.add(delivery);
    }

    void record(OutboxEvent event) {
        pendingEvents.add(event);
    }

    public String body() {
        List<String> lines = new ArrayList<>(facts.stream().map(Fact::line).toList());
        List<String> actions = actions();
        if (!actions.isEmpty()) {
            lines.add("What to do:");
            actions.forEach(a -> lines.add("- " + a));
        }
        return String.join("\n", lines);
    }

    /**
     * What is left to do: the actions of the facts still standing, without those of impacts that are resolved
     * and without actions their impact's progress reports closed (facts belong to an impact through its link).
     */
    public List<String> actions() {
        Map<String, ImpactProgress> progressByLink = new HashMap<>();
        facts.stream().filter(Fact::isProgress).forEach(f -> progressByLink.put(IMPACT_LINK + f.progress().impactId(), f.progress()));
        LinkedHashSet<String> actions = new LinkedHashSet<>();
        for (Fact f : facts) {
            if (f.rescinded()) {
                continue;
            }
            ImpactProgress progress = f.link() == null ? null : progressByLink.get(f.link());
            if (progress == null) {
                actions.addAll(f.actions());
            } else if (!progress.resolved()) {
                Set<String> closed = progress.actions().stream().filter(a -> !a.isOpen()).map(ImpactProgress.ActionState::title)
                        .collect(Collectors.toSet());
                f.actions().stream().filter(a -> !closed.contains(a)).forEach(actions::add);
            }
        }
        return List.copyOf(actions);
    }

    /** Progress over the impacts folded in, or null when none has reported any. */
    public ProgressSummary progress() {
        return ProgressSummary.of(facts.stream().filter(Fact::isProgress).map(Fact::progress).toList());
    }

    public List<String> links() {
        return facts.stream().map(Fact::link).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<OutboxEvent> pendingEvents() {
        return pendingEvents;
    }

    public String recipientId() {
        return recipientId;
    }

    public String type() {
        return type;
    }

    public Category category() {
        return category;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public List<Fact> facts() {
        return List.copyOf(facts);
    }

    public List<String> allianceIds() {
        return List.copyOf(allianceIds);
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public String occurrenceId() {
        return occurrenceId;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public Instant firstEventAt() {
        return firstEventAt;
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

    public Instant archivedAt() {
        return archivedAt;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public String escalatedTo() {
        return escalatedTo;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public int contentRevision() {
        return contentRevision;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public Instant nextDeliveryAt() {
        return nextDeliveryAt;
    }
}
