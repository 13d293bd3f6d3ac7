package io.windshift.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the results of one suite run into its table: each row a figure, the anchor it is compared with (measured in
 * the same run), their ratio, the target of issue 11 and whether it is met. Only complete results give rows, so a
 * benchmark that failed or stopped short never appears in the table or in {@code docs/benchmarks.md}.
 */
public final class SuiteReport {

    public static final String HEADING = "## Suite: `./windshift bench`";
    static final List<String> COLUMNS = List.of("date (UTC)", "commit", "machine", "store", "JVM flags", "load before/after",
            "benchmark", "figure", "anchor figure", "ratio", "target", "met");

    /** How a figure is judged: against a limit, against its anchor, or not at all (an anchor row). */
    enum Check {
        NONE, AT_MOST, RATIO_AT_LEAST, RATIO_AT_MOST, AT_MOST_AND_BELOW_ANCHOR
    }

    record Spec(String benchmark, String label, String key, String unit, String anchorBenchmark, String anchorLabel, String anchorKey,
                String anchorUnit, Check check, double limit, String target) {
    }

    public record Row(String benchmark, String figure, String anchor, String ratio, String target, String met) {
        List<String> cells() {
            return List.of(benchmark, figure, anchor, ratio, target, met);
        }
    }

    static final List<Spec> SPECS = List.of(
            new Spec("reorg", "last notification after the 202", "last_notification_s", "s", null, null, null, null, Check.AT_MOST, 5,
                    "≤ 5 s"),
            new Spec("gateway", "gateway", "gateway_rps", "req/s", "gateway", "direct", "direct_rps", "req/s", Check.RATIO_AT_LEAST, 0.75,
                    "≥ 0.75 of direct"),
            new Spec("gateway", "gateway p99", "gateway_p99_ms", "ms", "gateway", "direct p99", "direct_p99_ms", "ms", Check.RATIO_AT_MOST,
                    1.5, "≤ 1.5× direct"),
            new Spec("gateway", "nginx (anchor)", "nginx_rps", "req/s", "gateway", "direct", "direct_rps", "req/s", Check.NONE, 0, "-"),
            new Spec("gateway", "direct GET by id", "direct_rps", "req/s", "anchors", "Mongo find by _id", "mongo_find_ops", "ops/s",
                    Check.NONE, 0, "-"),
            new Spec("pipeline", "accepted → notification stored p99", "p99_ms", "ms", "anchors", "Kafka EndToEndLatency p99", "e2e_p99_ms",
                    "ms", Check.AT_MOST, 250, "≤ 250 ms"),
            new Spec("pipeline", "sustained rate", "rate_per_s", "events/s", "anchors", "Kafka ProducerPerformance", "producer_rps",
                    "records/s", Check.RATIO_AT_LEAST, 0.10, "≥ 0.10 of ProducerPerformance"),
            new Spec("pipeline", "sustained rate", "rate_per_s", "events/s", "anchors", "Mongo insert", "mongo_insert_ops", "ops/s",
                    Check.NONE, 0, "-"),
            new Spec("due-pass", "due pass", "pass_ms", "ms", "due-pass", "range query", "range_query_ms", "ms",
                    Check.AT_MOST_AND_BELOW_ANCHOR, 500, "≤ 500 ms and below the range query"),
            new Spec("finance-matching", "1,000 payments matched and applied", "batch_ms", "ms", "finance-matching",
                    "keyed reads and replace", "anchor_ms", "ms", Check.AT_MOST, 1000, "≤ 1,000 ms"),
            new Spec("startup", "second ./windshift up", "second_up_s", "s", null, null, null, null, Check.AT_MOST, 20, "≤ 20 s"),
            new Spec("memory", "stack RSS after the demo", "rss_mb", "MB", null, null, null, null, Check.AT_MOST, 1600, "≤ 1,600 MB"),
            new Spec("anchors", "Kafka ProducerPerformance", "producer_rps", "records/s", null, null, null, null, Check.NONE, 0, "-"),
            new Spec("anchors", "Kafka EndToEndLatency p99", "e2e_p99_ms", "ms", null, null, null, null, Check.NONE, 0, "-"),
            new Spec("anchors", "Mongo insert", "mongo_insert_ops", "ops/s", null, null, null, null, Check.NONE, 0, "-"),
            new Spec("anchors", "Mongo find by _id", "mongo_find_ops", "ops/s", null, null, null, null, Check.NONE, 0, "-"));

    private SuiteReport() {
    }

    /** The table rows for the complete results of this run, in a fixed order; incomplete results give none. */
    public static List<Row> rows(Map<String, BenchResult> results) {
        Map<String, BenchResult> complete = new LinkedHashMap<>();
        results.forEach((name, r) -> {
            if (r != null && r.complete()) {
                complete.put(name, r);
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Spec spec : SPECS) {
            Optional<Double> figure = Optional.ofNullable(complete.get(spec.benchmark())).flatMap(r -> r.figure(spec.key()));
            if (figure.isEmpty()) {
                continue;
            }
            Optional<Double> anchor = spec.anchorKey() == null ? Optional.empty()
                    : Optional.ofNullable(complete.get(spec.anchorBenchmark())).flatMap(r -> r.figure(spec.anchorKey()));
            double f = figure.get();
            Double ratio = anchor.filter(a -> a != 0).map(a -> f / a).orElse(null);
            rows.add(new Row(spec.benchmark(), spec.label() + " " + number(f) + " " + spec.unit() + size(complete.get(spec.benchmark())),
                    anchor.map(a -> spec.anchorLabel() + " " + number(a) + " " + spec.anchorUnit()).orElse("-"),
                    ratio == null ? "-" : String.format(Locale.ROOT, "%.3f", ratio), spec.target(), met(spec, f, anchor, ratio)));
        }
        return rows;
    }

    /** The run's size, from the result's own figures, so a smoke run's row is not read as a full one. */
    static String size(BenchResult r) {
        String text = switch (r.benchmark()) {
            case "reorg" -> r.figure("alliances").flatMap(a -> r.figure("changes").map(c -> count(a) + " alliances, " + count(c) + " changes"))
                    .orElse("");
            case "pipeline" -> r.figure("offered_rate").flatMap(a -> r.figure("seconds").map(c -> count(a) + "/s for " + count(c) + " s"))
                    .orElse("");
            case "due-pass" -> r.figure("occurrences").map(o -> count(o) + " occurrences").orElse("");
            case "finance-matching" -> r.figure("obligations").map(o -> count(o) + " obligations").orElse("");
            default -> "";
        };
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    static String met(Spec spec, double figure, Optional<Double> anchor, Double ratio) {
        Boolean met = switch (spec.check()) {
            case NONE -> null;
            case AT_MOST -> figure <= spec.limit();
            case RATIO_AT_LEAST -> ratio == null ? null : ratio >= spec.limit();
            case RATIO_AT_MOST -> ratio == null ? null : ratio <= spec.limit();
            case AT_MOST_AND_BELOW_ANCHOR -> anchor.isEmpty() ? null : figure <= spec.limit() && figure < anchor.get();
        };
        if (met == null) {
            return spec.check() == Check.NONE ? "-" : "no anchor in this run";
        }
        return met ? "yes" : "no";
    }

    /** A fixed-width table for the terminal. */
    public static String table(List<Row> rows) {
        List<String> header = List.of("benchmark", "figure", "anchor figure", "ratio", "target", "met?");
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (Row row : rows) {
                width[i] = Math.max(width[i], row.cells().get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, width);
        for (Row row : rows) {
            appendLine(out, row.cells(), width);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + width[i] + "s", cells.get(i))).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Appends one line per row to the suite table of the results file (nothing when there are no rows). */
    public static void append(Path file, List<String> context, List<Row> rows) throws IOException {
        for (Row row : rows) {
            List<String> line = new ArrayList<>(context);
            line.addAll(row.cells());
            BenchReport.appendRow(file, HEADING, COLUMNS, line.stream().map(c -> c.replace("|", "\\|")).toList());
        }
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
