package io.windshift.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteReportTest {

    static final List<String> CONTEXT = List.of("2026-12-02T05:00Z", "abc1234", "2 cores, amd64, JDK 25", "mongo-java-server 1.47.0 (H2 file)",
            "services: -Xmx256m", "1.00 / 2.00");

    @TempDir
    Path dir;

    @Test
    void judgesFiguresAgainstLimitsAndAnchorsOfTheSameRun() {
        Map<String, BenchResult> results = new LinkedHashMap<>();
        results.put("anchors", result("anchors", true, Map.of("producer_rps", 100_000.0, "e2e_p99_ms", 3.0, "mongo_insert_ops", 5000.0,
                "mongo_find_ops", 8000.0)));
        results.put("pipeline", result("pipeline", true, Map.of("p99_ms", 300.0, "rate_per_s", 12_000.0)));
        results.put("due-pass", result("due-pass", true, Map.of("pass_ms", 400.0, "range_query_ms", 800.0)));
        results.put("finance-matching", result("finance-matching", true, Map.of("batch_ms", 1200.0, "anchor_ms", 300.0)));

        List<SuiteReport.Row> rows = SuiteReport.rows(results);
        SuiteReport.Row matching = row(rows, "finance-matching", "keyed reads");
        assertThat(matching.ratio()).isEqualTo("4.000");
        assertThat(matching.met()).isEqualTo("no");

        SuiteReport.Row p99 = row(rows, "pipeline", "p99");
        assertThat(p99.anchor()).isEqualTo("Kafka EndToEndLatency p99 3.00 ms");
        assertThat(p99.ratio()).isEqualTo("100.000");
        assertThat(p99.met()).isEqualTo("no");
        SuiteReport.Row rate = row(rows, "pipeline", "ProducerPerformance");
        assertThat(rate.ratio()).isEqualTo("0.120");
        assertThat(rate.met()).isEqualTo("yes");
        assertThat(row(rows, "due-pass", "range query").met()).isEqualTo("yes");
        assertThat(row(rows, "pipeline", "p99").figure()).isEqualTo("accepted → notification stored p99 300 ms");
        assertThat(row(rows, "anchors", "Mongo insert").met()).isEqualTo("-");
    }

    @Test
    void aFigureSaysTheSizeItWasMeasuredAt() {
        List<SuiteReport.Row> rows = SuiteReport.rows(Map.of(
                "due-pass", result("due-pass", true, Map.of("pass_ms", 400.0, "range_query_ms", 800.0, "occurrences", 20_000.0)),
                "pipeline", result("pipeline", true, Map.of("p99_ms", 100.0, "rate_per_s", 20.0, "offered_rate", 20.0, "seconds", 10.0))));

        assertThat(row(rows, "due-pass", "range query").figure()).isEqualTo("due pass 400 ms (20,000 occurrences)");
        assertThat(row(rows, "pipeline", "p99").figure()).isEqualTo("accepted → notification stored p99 100 ms (20/s for 10 s)");
    }

    @Test
    void aRatioTargetWithoutItsAnchorInThisRunIsNotMet() {
        List<SuiteReport.Row> rows = SuiteReport.rows(Map.of("pipeline", result("pipeline", true, Map.of("p99_ms", 100.0, "rate_per_s", 500.0))));

        assertThat(row(rows, "pipeline", "p99").met()).isEqualTo("yes");
        assertThat(row(rows, "pipeline", "ProducerPerformance").met()).isEqualTo("no anchor in this run");
        assertThat(row(rows, "pipeline", "ProducerPerformance").ratio()).isEqualTo("-");
    }

    @Test
    void anIncompleteResultGivesNoRowAndServesAsNobodysAnchor() {
        Map<String, BenchResult> results = new LinkedHashMap<>();
        results.put("anchors", result("anchors", false, Map.of("producer_rps", 100_000.0)));
        results.put("reorg", result("reorg", false, Map.of("last_notification_s", 4.0)));
        results.put("pipeline", result("pipeline", true, Map.of("p99_ms", 100.0, "rate_per_s", 500.0)));

        List<SuiteReport.Row> rows = SuiteReport.rows(results);

        assertThat(rows).extracting(SuiteReport.Row::benchmark).containsOnly("pipeline");
        assertThat(row(rows, "pipeline", "ProducerPerformance").anchor()).isEqualTo("-");
    }

    @Test
    void appendsOneLinePerRowUnderTheSuiteHeadingAtTheTopAndKeepsTheOtherTables() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, """
                # Benchmarks

                %s

                | %s |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                | old | row | . | . | . | . | . | . | . | . | . | . |

                ## alliance-service

                | date | figure |
                |---|---|
                | 2026-11-30 | 48.3 s |
                """.formatted(SuiteReport.HEADING, String.join(" | ", SuiteReport.COLUMNS)));
        List<SuiteReport.Row> rows = SuiteReport.rows(Map.of("startup", result("startup", true, Map.of("second_up_s", 18.5)),
                "memory", result("memory", true, Map.of("rss_mb", 1700.0))));

        SuiteReport.append(file, CONTEXT, rows);

        String text = Files.readString(file);
        assertThat(text).contains("| old | row |").contains("| 2026-11-30 | 48.3 s |");
        assertThat(text.indexOf("second ./windshift up 18.5 s")).isGreaterThan(text.indexOf("| old | row |"))
                .isLessThan(text.indexOf("## alliance-service"));
        assertThat(text).contains("| 2026-12-02T05:00Z | abc1234 | 2 cores, amd64, JDK 25 | mongo-java-server 1.47.0 (H2 file) | services: -Xmx256m"
                + " | 1.00 / 2.00 | startup | second ./windshift up 18.5 s | - | - | ≤ 20 s | yes |");
        assertThat(text).contains("| memory | stack RSS after the demo 1,700 MB | - | - | ≤ 1,600 MB | no |");
    }

    @Test
    void noCompleteResultWritesNothing() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n");

        SuiteReport.append(file, CONTEXT, SuiteReport.rows(Map.of("reorg", result("reorg", false, Map.of("last_notification_s", 4.0)))));

        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n");
    }

    @Test
    void theTerminalTableHasAHeaderAndOneLinePerRow() {
        String table = SuiteReport.table(SuiteReport.rows(Map.of("startup", result("startup", true, Map.of("second_up_s", 24.0)))));

        assertThat(table.lines()).hasSize(2);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("benchmark").contains("anchor figure").contains("met?");
        assertThat(table).contains("second ./windshift up 24.0 s").contains("≤ 20 s").endsWith("no\n");
    }

    private static BenchResult result(String name, boolean complete, Map<String, Double> figures) {
        return new BenchResult(name, complete, new LinkedHashMap<>(figures));
    }

    /** The first row of the benchmark whose figure, anchor or target names the text. */
    private static SuiteReport.Row row(List<SuiteReport.Row> rows, String benchmark, String anchorOrFigure) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark) && (r.anchor().contains(anchorOrFigure) || r.figure().contains(anchorOrFigure)
                        || r.target().contains(anchorOrFigure)))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + benchmark + "/" + anchorOrFigure + " in " + rows));
    }
}
