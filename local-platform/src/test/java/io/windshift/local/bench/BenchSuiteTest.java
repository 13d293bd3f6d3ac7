package io.windshift.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSuiteTest {

    static final BenchResult COMPLETE = new BenchResult("reorg", true, Map.of("last_notification_s", 4.0));

    @Test
    void aCompleteResultOfAProcessThatExitedZeroCounts() {
        BenchSuite.Outcome outcome = BenchSuite.judge("reorg", 0, List.of(COMPLETE));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.result()).contains(COMPLETE);
    }

    @Test
    void aNonZeroExitFailsEvenWithACompleteResultLine() {
        assertThat(BenchSuite.judge("reorg", 1, List.of(COMPLETE)).failure()).isEqualTo("exit code 1");
    }

    @Test
    void noResultLineOrOnlyAnotherBenchmarksFails() {
        BenchResult other = new BenchResult("anchors", true, Map.of("producer_rps", 1.0));

        assertThat(BenchSuite.judge("reorg", 0, List.of()).failure()).isEqualTo("no BENCH-RESULT line");
        assertThat(BenchSuite.judge("reorg", 0, List.of(other)).failure()).isEqualTo("no BENCH-RESULT line");
    }

    @Test
    void theLastResultLineDecidesAndAnIncompleteOneFails() {
        BenchResult incomplete = new BenchResult("reorg", false, Map.of("last_notification_s", 4.0));

        assertThat(BenchSuite.judge("reorg", 0, List.of(COMPLETE, incomplete)).failure()).isEqualTo("incomplete run");
    }

    @Test
    void oneBenchmarkRunsAloneUnlessItsRatioNeedsAnAnchor() {
        assertThat(BenchSuite.plan(List.of())).isEqualTo(BenchSuite.ALL);
        assertThat(BenchSuite.plan(List.of("reorg"))).containsExactly("reorg");
        assertThat(BenchSuite.plan(List.of("pipeline"))).containsExactly("anchors", "pipeline");
        assertThat(BenchSuite.plan(List.of("due-pass", "startup"))).containsExactly("startup", "due-pass");
    }
}
