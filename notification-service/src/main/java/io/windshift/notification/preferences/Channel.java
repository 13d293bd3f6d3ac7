package io.windshift.notification.preferences;

/** Where a notification can reach a person. The in-app inbox always holds it; the others go out. */
public enum Channel {
    IN_APP,
    EMAIL,
    WEBHOOK
}
