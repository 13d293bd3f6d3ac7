package io.windshift.obligation.register;

import java.time.LocalDate;

/**
 * When an obligation comes due: once ({@code dueDate}), repeatedly ({@code frequency} from {@code dueDate}
 * up to and including {@code until}), or {@code dueDaysAfterTrigger} days after a milestone is achieved.
 */
public record Schedule(Kind kind, LocalDate dueDate, Frequency frequency, LocalDate until, String trigger,
                       Integer dueDaysAfterTrigger) {

    /** A long recurrence is still a finite list of occurrences: twenty years of monthly reports. */
    public static final int MAX_OCCURRENCES = 240;

    public enum Kind { ONE_OFF, RECURRING, TRIGGERED }

    public static Schedule once(LocalDate dueDate) {
        return new Schedule(Kind.ONE_OFF, dueDate, null, null, null, null);
    }

    public static Schedule recurring(LocalDate first, Frequency frequency, LocalDate until) {
        return new Schedule(Kind.RECURRING, first, frequency, until, null, null);
    }

    public static Schedule triggered(String trigger, int dueDaysAfterTrigger) {
        return new Schedule(Kind.TRIGGERED, null, null, null, trigger, dueDaysAfterTrigger);
    }

    /** The due dates this schedule has at registration; a triggered one has a single undated occurrence. */
    public java.util.List<LocalDate> dueDates() {
        return switch (kind) {
            case ONE_OFF -> java.util.List.of(dueDate);
            case TRIGGERED -> java.util.Collections.singletonList(null);
            case RECURRING -> {
                java.util.List<LocalDate> dates = new java.util.ArrayList<>();
                for (int n = 0; n < MAX_OCCURRENCES; n++) {
                    LocalDate next = frequency.nth(dueDate, n);
                    if (next.isAfter(until)) {
                        break;
                    }
                    dates.add(next);
                }
                yield dates;
            }
        };
    }
}
