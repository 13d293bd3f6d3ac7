package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code updateOccurrence(obligation, occurrences, ...)} starts from copies the caller read (the finance path reads
 * them once): a copy that went stale meanwhile loses its compare-and-set, and the change is applied again to what is
 * stored, so the update made in between is kept.
 */
class PreloadedOccurrenceUpdateIT extends ObligationServiceIntegrationTest {

    @Autowired ObligationRegister register;
    @Autowired OccurrenceUpdates updates;

    @Test
    void aStaleCopyIsReadAgainAndTheUpdateMadeInBetweenIsKept() {
        Obligation obligation = register.register(new ObligationTerms("al-preload", "Milestone", "AGR-P", "7.1", Category.FINANCIAL,
                ObligationType.MILESTONE_PAYMENT, Direction.OWED_TO_US, "p-owner", null, new BigDecimal("100.00"), "EUR", null,
                Schedule.once(LocalDate.parse("2027-03-01"))), "test");
        List<Occurrence> stale = register.occurrencesOf(obligation);
        String id = stale.getFirst().id();

        updates.reschedule(id, LocalDate.parse("2027-04-01"), "partner asked", "p-owner");
        int[] applied = {0};
        Occurrence saved = updates.updateOccurrence(obligation, stale, id, (ob, oc) -> {
            applied[0]++;
            return List.of(oc.waive(ob, "settled otherwise", "p-owner", clock.instant()));
        });

        assertThat(applied[0]).as("applied to the stale copy, refused, applied again to the stored one").isEqualTo(2);
        assertThat(saved.state()).isEqualTo(OccurrenceState.WAIVED);
        Occurrence stored = register.findOccurrence(id).orElseThrow();
        assertThat(stored.state()).isEqualTo(OccurrenceState.WAIVED);
        assertThat(stored.dueDate()).as("the reschedule made in between").isEqualTo(LocalDate.parse("2027-04-01"));
        assertThat(register.get(obligation.id()).progress().state()).isEqualTo(OccurrenceState.WAIVED);
    }
}
