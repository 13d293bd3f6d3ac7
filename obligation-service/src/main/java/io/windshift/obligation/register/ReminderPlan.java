package io.windshift.obligation.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When an occurrence reminds: one step per lead time (at 00:00 UTC that many days before the due date) and
 * an overdue step (00:00 UTC the day after the due date). A watermark says which steps are behind us, fired
 * or skipped. Of the steps past the watermark that are already due, only the latest fires: after downtime,
 * or for an occurrence created late, the nearest lead time already passed is sent once, not every missed one.
 */
public final class ReminderPlan {

    /** Lead days of the overdue step. */
    public static final int OVERDUE = -1;
    public static final List<Integer> DEFAULT_LEAD_TIMES = List.of(30, 7, 1);

    private ReminderPlan() {
    }

    /** One planned reminder: {@code leadDays} before the due date, or {@link #OVERDUE}. */
    public record Step(Instant at, int leadDays) {
        public boolean isOverdue() {
            return leadDays == OVERDUE;
        }
    }

    public static List<Step> steps(LocalDate dueDate, List<Integer> leadTimes) {
        List<Step> steps = new ArrayList<>();
        for (int lead : leadTimes) {
            steps.add(new Step(startOf(dueDate.minusDays(lead)), lead));
        }
        steps.add(new Step(overdueAt(dueDate), OVERDUE));
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    /**
     * The step to wait for (or fire now, if its time has come): the latest step past the watermark that is
     * already due, else the first one still ahead. Empty when every step is behind the watermark.
     */
    public static Optional<Step> next(LocalDate dueDate, List<Integer> leadTimes, Instant watermark, Instant now) {
        if (dueDate == null) {
            return Optional.empty();
        }
        Step latestDue = null;
        Step firstAhead = null;
        for (Step step : steps(dueDate, leadTimes)) {
            if (watermark != null && !step.at().isAfter(watermark)) {
                continue;
            }
            if (!step.at().isAfter(now)) {
                latestDue = step;
            } else if (firstAhead == null) {
                firstAhead = step;
            }
        }
        return Optional.ofNullable(latestDue != null ? latestDue : firstAhead);
    }

    /**
     * The watermark after a due date moved at {@code now}: lead times already passed for the new date are not
     * sent late, but a new date that is already past still escalates as overdue.
     */
    public static Instant watermarkAfterReschedule(LocalDate newDueDate, Instant now) {
        Instant overdueAt = overdueAt(newDueDate);
        return overdueAt.isAfter(now) ? now : overdueAt.minusSeconds(1);
    }

    public static Instant overdueAt(LocalDate dueDate) {
        return startOf(dueDate.plusDays(1));
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
