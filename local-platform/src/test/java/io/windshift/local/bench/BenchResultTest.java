package io.windshift.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void aPrintedResultParsesBackToTheSameFigures() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p99_ms", 212.5);
        figures.put("rate_per_s", 498.0);
        BenchResult printed = new BenchResult("pipeline", true, figures);

        BenchResult parsed = BenchResult.parse(printed.line()).orElseThrow();

        assertThat(parsed.benchmark()).isEqualTo("pipeline");
        assertThat(parsed.complete()).isTrue();
        assertThat(parsed.figures()).containsExactlyEntriesOf(figures);
    }

    @Test
    void findsTheResultAfterALogPrefixAndReadsIntegersAsFigures() {
        String line = "[INFO] 12:00:01 BENCH-RESULT {\"benchmark\":\"due-pass\",\"complete\":false,\"figures\":{\"pass_ms\":1678,\"claimed\":999}}";

        BenchResult parsed = BenchResult.parse(line).orElseThrow();

        assertThat(parsed.complete()).isFalse();
        assertThat(parsed.figure("pass_ms")).contains(1678.0);
        assertThat(parsed.figure("claimed")).contains(999.0);
    }

    @Test
    void aNotANumberFigureIsLeftOutRatherThanReadAsZero() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("last_notification_s", Double.NaN);
        figures.put("last_impact_s", 3.2);

        BenchResult parsed = BenchResult.parse(new BenchResult("reorg", false, figures).line()).orElseThrow();

        assertThat(parsed.figures()).containsOnlyKeys("last_impact_s");
    }

    @Test
    void ordinaryOutputAndMalformedResultLinesAreNotResults() {
        assertThat(BenchResult.parse("loaded 5000 alliances in 80.1 s")).isEmpty();
        assertThat(BenchResult.parse("BENCH-RESULT {\"benchmark\":\"reorg\"")).isEmpty();
        assertThat(BenchResult.parse("BENCH-RESULT {\"benchmark\":\"reorg\",\"figures\":{}}")).isEmpty();
        assertThat(BenchResult.parse("BENCH-RESULT {\"complete\":true,\"figures\":{}}")).isEmpty();
    }
}
