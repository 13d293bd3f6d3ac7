package io.windshift.notification.inbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one change impact stands: its actions by state (as alliance-service counted them after the change)
 * and what this service knows of each action (title, assignee, due date, state), each as of the latest
 * impact revision that mentioned it. Kept on the {@code progress:<impactId>} fact of a notification.
 */
public record ImpactProgress(String impactId, String allianceName, int total, int open, int done, int dismissed, boolean resolved,
                             List<ActionState> actions) {

    public ImpactProgress {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** One action as last heard of: {@code state} is OPEN, DONE or DISMISSED; {@code assignee} is a display name or null. */
    public record ActionState(String actionId, String title, String assignee, LocalDate dueDate, String state, int revision) {

        boolean isOpen() {
            return "OPEN".equals(state);
        }
    }

    public int closed() {
        return done + dismissed;
    }

    /**
     * This (later) progress on top of what an earlier fact knew: the counts are this one's, and each action
     * keeps the state of the latest revision that mentioned it (so an action heard of only earlier still shows).
     */
    public ImpactProgress over(ImpactProgress earlier) {
        if (earlier == null) {
            return this;
        }
        Map<String, ActionState> byId = new LinkedHashMap<>();
        earlier.actions().forEach(a -> byId.put(a.actionId(), a));
        for (ActionState a : actions) {
            ActionState known = byId.get(a.actionId());
            if (known == null || known.revision() <= a.revision()) {
                byId.put(a.actionId(), a);
            }
        }
        return new ImpactProgress(impactId, allianceName == null ? earlier.allianceName() : allianceName, total, open, done, dismissed,
                resolved, new ArrayList<>(byId.values()));
    }

    /**
     * In words: "Helios oncology: 2 of 3 actions closed; open: Name a new executive sponsor (Ana Ruiz)", or
     * "Helios oncology: resolved, every action done or dismissed (2 done, 1 dismissed)".
     */
    public String line() {
        String name = allianceName == null ? impactId : allianceName;
        if (resolved) {
            return name + ": resolved, every action done or dismissed (" + done + " done, " + dismissed + " dismissed).";
        }
        StringBuilder line = new StringBuilder(name).append(": ").append(closed()).append(" of ").append(total)
                .append(total == 1 ? " action closed" : " actions closed");
        List<ActionState> stillOpen = actions.stream().filter(ActionState::isOpen).toList();
        if (open > 0) {
            List<String> named = new ArrayList<>();
            for (ActionState a : stillOpen.subList(0, Math.min(stillOpen.size(), open))) {
                String who = a.assignee() == null ? "unassigned" : a.assignee();
                named.add(a.title() + " (" + who + (a.dueDate() == null ? "" : ", due " + a.dueDate()) + ")");
            }
            int unnamed = open - named.size();
            line.append("; open: ").append(named.isEmpty() ? unnamed + " action" + (unnamed == 1 ? "" : "s") : String.join(", ", named));
            if (!named.isEmpty() && unnamed > 0) {
                line.append(" and ").append(unnamed).append(" more");
            }
        }
        return line.append('.').toString();
    }
}
