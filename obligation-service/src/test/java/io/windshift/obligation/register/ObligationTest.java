package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventType;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObligationTest {

    static final Instant NOW = Instant.parse("2027-01-01T08:00:00Z");

    static Obligation report() {
        return Obligation.register("ob-9", new ObligationTerms("al-1", "Annual report", "AGR-1", "9.1", Category.REPORTING,
                ObligationType.ANNUAL_REPORT, Direction.OWED_BY_US, "p-owner", null, null, null, null,
                Schedule.once(LocalDate.parse("2027-06-30"))), "admin", null, NOW).obligation();
    }

    @Test
    void theOwnerIsVacatedOncePerTriggerAndTheRescindRestoresThem() {
        Obligation obligation = report();
        var vacated = obligation.vacateOwner("p-owner", "TERMINATED", "hr-1", NOW);
        assertThat(vacated).hasValueSatisfying(e -> {
            assertThat(e.type()).isEqualTo(EventType.OBLIGATION_OWNER_VACATED);
            assertThat(((OwnerVacated) e.payload()).triggerEventId()).isEqualTo("hr-1");
        });
        // The role-vacated caused by the same departure, then a reorg listing the same person: nothing more.
        assertThat(obligation.vacateOwner("p-owner", "ROLE_VACATED", "hr-1", NOW)).isEmpty();
        assertThat(obligation.vacateOwner("p-owner", "REORG_DEPARTURE", "hr-2", NOW)).isEmpty();
        assertThat(obligation.ownerVacated()).isTrue();
        assertThat(obligation.restoreOwner("hr-other", "hr-3", NOW)).isEmpty();
        var restored = obligation.restoreOwner("hr-1", "hr-3", NOW);
        assertThat(restored).hasValueSatisfying(e -> {
            OwnerAssigned assigned = (OwnerAssigned) e.payload();
            assertThat(assigned.ownerId()).isEqualTo("p-owner");
            assertThat(assigned.triggerEventId()).isEqualTo("hr-3");
        });
        assertThat(obligation.ownerId()).isEqualTo("p-owner");
        assertThat(obligation.history()).extracting(AuditEntry::action).containsExactly("REGISTERED", "OWNER_VACATED", "OWNER_RESTORED");
    }

    @Test
    void aRescindAfterAReassignmentLeavesTheNewOwner() {
        Obligation obligation = report();
        obligation.vacateOwner("p-owner", "TERMINATED", "hr-1", NOW);
        assertThat(obligation.assignOwner("p-new", "p-am", NOW)).hasValueSatisfying(e ->
                assertThat(((OwnerAssigned) e.payload()).previousOwnerId()).isEqualTo("p-owner"));
        assertThat(obligation.restoreOwner("hr-1", "hr-3", NOW)).isEmpty();
        assertThat(obligation.ownerId()).isEqualTo("p-new");
        assertThat(obligation.assignOwner("p-new", "p-am", NOW)).isEmpty();
    }

    @Test
    void paymentsAreFinancialOrOfAPaymentType() {
        assertThat(report().isPayment()).isFalse();
        assertThat(OccurrenceTest.milestone(Schedule.once(LocalDate.parse("2027-06-30")), NOW).obligation().isPayment()).isTrue();
    }

    @Test
    void theStatusIsThatOfTheCurrentOccurrenceUntilAllAreClosed() {
        var reg = Obligation.register("ob-r", new ObligationTerms("al-1", "Quarterly report", "AGR-1", "9.3", Category.REPORTING,
                ObligationType.ROYALTY_REPORT, Direction.OWED_TO_US, "p-owner", null, null, null, List.of(14, 3),
                Schedule.recurring(LocalDate.parse("2027-03-31"), Frequency.QUARTERLY, LocalDate.parse("2027-09-30"))), "admin", null, NOW);
        Obligation obligation = reg.obligation();
        List<Occurrence> occurrences = reg.occurrences();
        assertThat(obligation.nextDueDate()).isEqualTo(LocalDate.parse("2027-03-31"));
        assertThat(obligation.status(LocalDate.parse("2027-03-16"))).isEqualTo(ObligationStatus.OPEN);
        assertThat(obligation.status(LocalDate.parse("2027-03-17"))).isEqualTo(ObligationStatus.DUE_SOON);
        assertThat(obligation.status(LocalDate.parse("2027-03-31"))).isEqualTo(ObligationStatus.DUE_SOON);
        assertThat(obligation.status(LocalDate.parse("2027-04-01"))).isEqualTo(ObligationStatus.OVERDUE);

        occurrences.get(0).fulfil(obligation, LocalDate.parse("2027-03-30"), "sent", "p-owner", null, NOW);
        assertThat(obligation.summarise(occurrences)).isTrue();
        assertThat(obligation.summarise(occurrences)).isFalse();
        assertThat(obligation.nextDueDate()).isEqualTo(LocalDate.parse("2027-06-30"));
        assertThat(obligation.status(LocalDate.parse("2027-04-01"))).isEqualTo(ObligationStatus.OPEN);

        occurrences.get(1).dispute("partner disputes the figures", "p-owner", NOW);
        obligation.summarise(occurrences);
        assertThat(obligation.status(LocalDate.parse("2027-07-15"))).isEqualTo(ObligationStatus.IN_DISPUTE);
        assertThat(obligation.nextDueDate()).isEqualTo(LocalDate.parse("2027-06-30"));

        occurrences.get(1).waive(obligation, "settled", "p-am", NOW);
        occurrences.get(2).waive(obligation, "agreement ended", "p-am", NOW);
        obligation.summarise(occurrences);
        assertThat(obligation.status(LocalDate.parse("2027-12-01"))).isEqualTo(ObligationStatus.FULFILLED);
        assertThat(obligation.nextDueDate()).isNull();

        var once = Obligation.register("ob-w", new ObligationTerms("al-1", "Notice", "AGR-1", "4.2", Category.GOVERNANCE,
                ObligationType.PARTNER_NOTICE, Direction.OWED_BY_US, "p-owner", null, null, null, null,
                Schedule.once(LocalDate.parse("2027-02-01"))), "alliance-service", "hr-1", new ActionLink("imp-1", "act-1"), NOW);
        assertThat(once.obligation().link()).isEqualTo(new ActionLink("imp-1", "act-1"));
        once.occurrences().getFirst().waive(once.obligation(), "told at the JSC", "p-am", NOW);
        once.obligation().summarise(once.occurrences());
        assertThat(once.obligation().status(LocalDate.parse("2027-03-01"))).isEqualTo(ObligationStatus.WAIVED);
    }
}
