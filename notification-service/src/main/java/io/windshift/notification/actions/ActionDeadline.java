package io.windshift.notification.actions;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One action of a change impact as far as its deadline goes ({@code _id} = action id): who it is assigned to,
 * when it is due, whether it is still open, and whether its reminder and its overdue escalation went out.
 * Kept up to date from {@code alliance.impact-action-changed} ({@code revision} orders them: an older one changes
 * nothing). Every write is a compare-and-set on {@code {_id, version}}: a claim by one instance makes the
 * same claim by another fail.
 */
@Document(ActionDeadline.COLLECTION)
public class ActionDeadline {

    public static final String COLLECTION = "action_deadlines";

    @Id
    String actionId;
    String impactId;
    String triggerEventId;
    String allianceId;
    String allianceName;
    String tier;
    String kind;
    String title;
    String assigneeId;
    LocalDate dueDate;
    /** OPEN, DONE or DISMISSED. */
    String state;
    int revision;
    Instant remindClaimedAt;
    Instant remindedAt;
    String remindedTo;
    Instant escalateClaimedAt;
    Instant escalatedAt;
    String escalatedTo;
    @Version
    Long version;

    ActionDeadline() {
    }

    ActionDeadline(String actionId) {
        this.actionId = actionId;
    }

    public boolean open() {
        return "OPEN".equals(state);
    }

    public String actionId() {
        return actionId;
    }

    public String impactId() {
        return impactId;
    }

    public String triggerEventId() {
        return triggerEventId;
    }

    public String allianceId() {
        return allianceId;
    }

    public String allianceName() {
        return allianceName;
    }

    public String title() {
        return title;
    }

    public String assigneeId() {
        return assigneeId;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public String state() {
        return state;
    }

    public int revision() {
        return revision;
    }

    public Instant remindedAt() {
        return remindedAt;
    }

    public String remindedTo() {
        return remindedTo;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public String escalatedTo() {
        return escalatedTo;
    }

    public Long version() {
        return version;
    }
}
