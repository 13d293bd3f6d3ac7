package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventType;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import java.time.Instant;
import java.time.LocalDate;
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
}
