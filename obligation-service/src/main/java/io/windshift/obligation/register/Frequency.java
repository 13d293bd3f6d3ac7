package io.windshift.obligation.register;

import java.time.LocalDate;

/** How often a recurring obligation comes due. */
public enum Frequency {
    MONTHLY(1), QUARTERLY(3), YEARLY(12);

    private final int months;

    Frequency(int months) {
        this.months = months;
    }

    /** The n-th due date counted from the first (0 is the first); month ends are clamped, never drift. */
    public LocalDate nth(LocalDate first, int n) {
        return first.plusMonths((long) months * n);
    }
}
