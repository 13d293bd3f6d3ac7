package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {

    static final LocalDate DUE = LocalDate.parse("2027-03-31");
    static final List<Integer> LEADS = ReminderPlan.DEFAULT_LEAD_TIMES;

    @Test
    void plansEachLeadTimeAtMidnightUtcAndOverdueTheDayAfter() {
        assertThat(ReminderPlan.steps(DUE, LEADS)).extracting(ReminderPlan.Step::at, ReminderPlan.Step::leadDays).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-03-01T00:00:00Z"), 30),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-03-24T00:00:00Z"), 7),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-03-30T00:00:00Z"), 1),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2027-04-01T00:00:00Z"), ReminderPlan.OVERDUE));
    }

    @Test
    void waitsForTheFirstStepWhenNothingHasPassed() {
        assertThat(ReminderPlan.next(DUE, LEADS, null, Instant.parse("2027-01-01T00:00:00Z")))
                .hasValueSatisfying(s -> assertThat(s.leadDays()).isEqualTo(30));
    }

    @Test
    void aLateStartFiresOnlyTheNearestPassedLeadTime() {
        // Created (or back from downtime) five days before the due date: 30 and 7 passed, only 7 fires.
        assertThat(ReminderPlan.next(DUE, LEADS, null, Instant.parse("2027-03-26T09:00:00Z")))
                .hasValueSatisfying(s -> assertThat(s.leadDays()).isEqualTo(7));
        // Past the due date: only the overdue escalation.
        assertThat(ReminderPlan.next(DUE, LEADS, null, Instant.parse("2027-04-10T00:00:00Z")))
                .hasValueSatisfying(s -> assertThat(s.isOverdue()).isTrue());
    }

    @Test
    void theWatermarkSkipsWhatWasSentOrPassed() {
        Instant sent7 = Instant.parse("2027-03-24T00:00:00Z");
        assertThat(ReminderPlan.next(DUE, LEADS, sent7, Instant.parse("2027-03-25T00:00:00Z")))
                .hasValueSatisfying(s -> assertThat(s.leadDays()).isEqualTo(1));
        assertThat(ReminderPlan.next(DUE, LEADS, ReminderPlan.overdueAt(DUE), Instant.parse("2027-05-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aRescheduleDoesNotSendPassedLeadTimesLateButStillEscalatesAPastDate() {
        Instant now = Instant.parse("2027-03-29T12:00:00Z");
        Instant watermark = ReminderPlan.watermarkAfterReschedule(DUE, now);
        assertThat(ReminderPlan.next(DUE, LEADS, watermark, now)).hasValueSatisfying(s -> assertThat(s.leadDays()).isEqualTo(1));
        LocalDate past = LocalDate.parse("2027-03-20");
        Instant pastWatermark = ReminderPlan.watermarkAfterReschedule(past, now);
        assertThat(ReminderPlan.next(past, LEADS, pastWatermark, now)).hasValueSatisfying(s -> assertThat(s.isOverdue()).isTrue());
    }

    @Test
    void customLeadTimesAreHonoured() {
        assertThat(ReminderPlan.steps(DUE, List.of(60, 14))).extracting(ReminderPlan.Step::leadDays)
                .containsExactly(60, 14, ReminderPlan.OVERDUE);
    }
}
