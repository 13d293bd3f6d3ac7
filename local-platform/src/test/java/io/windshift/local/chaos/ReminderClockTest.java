package io.windshift.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reminders the ledger expects as the clock moves: the nearest lead time newly passed at each move, once. */
class ReminderClockTest {

    static final LocalDate START = LocalDate.parse("2027-03-01");
    static final List<LocalDate> STEPS = List.of(START.plusDays(3), START.plusDays(10));

    @Test
    void aUnitRegisteredBeforeTheFirstStepGetsBothLeadTimesOneAtEachStep() {
        assertThat(ReminderClock.expected(START.plusDays(12), START, STEPS)).containsExactly(10, 3);
    }

    @Test
    void aUnitRegisteredAfterTheFirstStepGetsOnlyTheFirstLeadTime() {
        assertThat(ReminderClock.expected(START.plusDays(15), START.plusDays(3), STEPS)).containsExactly(10);
    }

    @Test
    void twoLeadTimesPassedInOneMoveGiveOnlyTheNearest() {
        assertThat(ReminderClock.expected(START.plusDays(12), START, List.of(START.plusDays(10)))).containsExactly(3);
    }
}
