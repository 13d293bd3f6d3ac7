package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.contract.EventType;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.OccurrenceClosed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Time travel on the domain: every lead time, overdue escalation, catch-up, recurrence, trigger, payments. */
class OccurrenceTest {

    static final Instant CREATED = Instant.parse("2027-01-01T08:00:00Z");

    static Obligation.Registration milestone(Schedule schedule, Instant now) {
        return Obligation.register("ob-1", new ObligationTerms("al-1", "Phase 3 milestone", "AGR-1", "7.2(b)", Category.FINANCIAL,
                ObligationType.MILESTONE_PAYMENT, Direction.OWED_TO_US, "p-owner", "p-rev", new BigDecimal("5000000.00"), "EUR", null,
                schedule), "admin", null, now);
    }

    /** Runs the reminders an hourly scheduler would send between two instants. */
    static List<ObligationEvent> travel(Obligation obligation, Occurrence occurrence, Instant from, Instant to) {
        List<ObligationEvent> sent = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(3600)) {
            while (occurrence.reminderDue(t)) {
                sent.add(occurrence.remind(obligation, "p-boss", t));
            }
        }
        return sent;
    }

    @Test
    void remindsAtEveryLeadTimeOnceThenEscalatesOverdueToTheManager() {
        var reg = milestone(Schedule.once(LocalDate.parse("2027-03-31")), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        List<ObligationEvent> sent = travel(reg.obligation(), occurrence, CREATED, Instant.parse("2027-06-01T00:00:00Z"));

        assertThat(sent).extracting(ObligationEvent::type).containsExactly(EventType.OBLIGATION_MILESTONE_DUE,
                EventType.OBLIGATION_MILESTONE_DUE, EventType.OBLIGATION_MILESTONE_DUE, EventType.OBLIGATION_OVERDUE);
        assertThat(sent.subList(0, 3)).extracting(e -> ((MilestoneDue) e.payload()).leadTimeDays()).containsExactly(30, 7, 1);
        ObligationOverdue overdue = (ObligationOverdue) sent.get(3).payload();
        assertThat(overdue.ownerManagerId()).isEqualTo("p-boss");
        assertThat(overdue.ownerId()).isEqualTo("p-owner");
        assertThat(sent).extracting(ObligationEvent::eventId).doesNotHaveDuplicates();
        assertThat(occurrence.nextReminderAt()).isNull();
        assertThat(occurrence.status(LocalDate.parse("2027-04-02"))).isEqualTo("OVERDUE");
    }

    @Test
    void afterDowntimeOnlyTheNearestPassedLeadTimeFires() {
        var reg = milestone(Schedule.once(LocalDate.parse("2027-03-31")), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        // The scheduler was down from before the 30-day reminder until three days before the due date.
        List<ObligationEvent> sent = travel(reg.obligation(), occurrence, Instant.parse("2027-03-28T00:00:00Z"), Instant.parse("2027-03-28T00:00:00Z"));
        assertThat(sent).extracting(e -> ((MilestoneDue) e.payload()).leadTimeDays()).containsExactly(7);
        assertThat(occurrence.nextLeadDays()).isEqualTo(1);
    }

    @Test
    void anOccurrenceCreatedPastItsDueDateOnlyEscalates() {
        var reg = milestone(Schedule.once(LocalDate.parse("2026-12-01")), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        List<ObligationEvent> sent = travel(reg.obligation(), occurrence, CREATED, CREATED.plusSeconds(86400 * 30));
        assertThat(sent).extracting(ObligationEvent::type).containsExactly(EventType.OBLIGATION_OVERDUE);
    }

    @Test
    void recurrenceMakesOneOccurrencePerPeriodUpToTheEnd() {
        assertThat(Schedule.recurring(LocalDate.parse("2027-01-31"), Frequency.MONTHLY, LocalDate.parse("2027-05-31")).dueDates())
                .containsExactly(LocalDate.parse("2027-01-31"), LocalDate.parse("2027-02-28"), LocalDate.parse("2027-03-31"),
                        LocalDate.parse("2027-04-30"), LocalDate.parse("2027-05-31"));
        assertThat(Schedule.recurring(LocalDate.parse("2027-03-31"), Frequency.QUARTERLY, LocalDate.parse("2027-12-31")).dueDates())
                .containsExactly(LocalDate.parse("2027-03-31"), LocalDate.parse("2027-06-30"), LocalDate.parse("2027-09-30"),
                        LocalDate.parse("2027-12-31"));
        var reg = milestone(Schedule.recurring(LocalDate.parse("2027-06-30"), Frequency.YEARLY, LocalDate.parse("2029-07-01")), CREATED);
        assertThat(reg.occurrences()).extracting(Occurrence::id).containsExactly("ob-1-1", "ob-1-2", "ob-1-3");
        assertThat(reg.occurrences()).extracting(Occurrence::nextLeadDays).containsOnly(30);
    }

    @Test
    void aTriggeredPaymentFallsDueNDaysAfterTheMilestone() {
        var reg = milestone(Schedule.triggered("first patient dosed in Phase 3", 45), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        assertThat(occurrence.dueDate()).isNull();
        assertThat(occurrence.nextReminderAt()).isNull();
        Instant recorded = Instant.parse("2027-02-01T10:00:00Z");
        var event = occurrence.trigger(reg.obligation(), LocalDate.parse("2027-02-01"), "site 12", "p-am", recorded);
        assertThat(event).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(EventType.OBLIGATION_RESCHEDULED));
        assertThat(occurrence.dueDate()).isEqualTo(LocalDate.parse("2027-03-18"));
        assertThat(occurrence.trigger(reg.obligation(), LocalDate.parse("2027-02-02"), null, "p-am", recorded)).isEmpty();
        List<ObligationEvent> sent = travel(reg.obligation(), occurrence, recorded, Instant.parse("2027-03-20T00:00:00Z"));
        assertThat(sent).extracting(ObligationEvent::type).containsExactly(EventType.OBLIGATION_MILESTONE_DUE,
                EventType.OBLIGATION_MILESTONE_DUE, EventType.OBLIGATION_MILESTONE_DUE, EventType.OBLIGATION_OVERDUE);
    }

    @Test
    void aPartialPaymentStaysOpenAndTheRestFulfilsEarly() {
        var reg = milestone(Schedule.once(LocalDate.parse("2027-03-31")), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        assertThat(occurrence.paid(reg.obligation(), "INV-1", new BigDecimal("2000000"), Instant.parse("2027-03-01T00:00:00Z"), "f-1", CREATED)).isEmpty();
        assertThat(occurrence.state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(occurrence.paidAmount()).isEqualByComparingTo("2000000");
        var closed = occurrence.paid(reg.obligation(), "INV-2", new BigDecimal("3000000"), Instant.parse("2027-03-10T00:00:00Z"), "f-2", CREATED);
        assertThat(closed).hasValueSatisfying(e -> {
            assertThat(e.type()).isEqualTo(EventType.OBLIGATION_FULFILLED);
            OccurrenceClosed c = (OccurrenceClosed) e.payload();
            assertThat(c.timeliness()).isEqualTo("EARLY");
            assertThat(c.amountPaid()).isEqualByComparingTo("5000000");
            assertThat(c.sourceEventId()).isEqualTo("f-2");
        });
        assertThat(occurrence.nextReminderAt()).isNull();
        assertThatThrownBy(() -> occurrence.waive(reg.obligation(), "no", "p", CREATED)).isInstanceOf(OccurrenceClosedException.class);
    }

    @Test
    void timelinessComparesTheFulfilmentDayWithTheDueDate() {
        LocalDate due = LocalDate.parse("2027-03-31");
        assertThat(Timeliness.of(due.minusDays(1), due)).isEqualTo(Timeliness.EARLY);
        assertThat(Timeliness.of(due, due)).isEqualTo(Timeliness.ON_TIME);
        assertThat(Timeliness.of(due.plusDays(1), due)).isEqualTo(Timeliness.LATE);
    }

    @Test
    void aDisputeStopsRemindersUntilANewDateIsAgreed() {
        var reg = milestone(Schedule.once(LocalDate.parse("2027-03-31")), CREATED);
        Occurrence occurrence = reg.occurrences().getFirst();
        occurrence.dispute("partner contests the data package", "p-am", CREATED);
        assertThat(occurrence.nextReminderAt()).isNull();
        assertThat(occurrence.status(LocalDate.parse("2027-03-30"))).isEqualTo("IN_DISPUTE");
        Instant later = Instant.parse("2027-02-01T00:00:00Z");
        assertThat(occurrence.reschedule(reg.obligation(), LocalDate.parse("2027-06-30"), "agreed", "p-am", later)).isPresent();
        assertThat(occurrence.state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(occurrence.nextReminderAt()).isEqualTo(Instant.parse("2027-05-31T00:00:00Z"));
    }
}
