package io.windshift.notification.inbox;

/** How urgently someone must act. Critical notifications cannot be muted. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public Severity max(Severity other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
