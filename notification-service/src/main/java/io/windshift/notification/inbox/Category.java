package io.windshift.notification.inbox;

/** Preference categories: a person chooses channels per category. */
public enum Category {
    ALLIANCE_CHANGE,
    OBLIGATION,
    ESCALATION;

    public static Category of(String type) {
        if (type != null && type.startsWith("escalation")) {
            return ESCALATION;
        }
        return type != null && type.startsWith("obligation.") ? OBLIGATION : ALLIANCE_CHANGE;
    }
}
