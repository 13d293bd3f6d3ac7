package io.windshift.obligation.register;

import java.time.LocalDate;

/** When a fulfilment happened relative to the due date. */
public enum Timeliness {
    EARLY, ON_TIME, LATE;

    public static Timeliness of(LocalDate fulfilledOn, LocalDate dueDate) {
        if (dueDate == null || fulfilledOn.isBefore(dueDate)) {
            return EARLY;
        }
        return fulfilledOn.isEqual(dueDate) ? ON_TIME : LATE;
    }
}
