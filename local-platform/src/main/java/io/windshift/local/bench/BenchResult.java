package io.windshift.local.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.bson.Document;

/**
 * The one machine-readable line every benchmark prints for {@code ./windshift bench}:
 * {@code BENCH-RESULT {"benchmark":"reorg","complete":true,"figures":{"last_notification_s":5.3}}}.
 * The other modules' benchmarks print the same shape by hand (they do not depend on this module).
 */
public record BenchResult(String benchmark, boolean complete, Map<String, Double> figures) {

    public static final String PREFIX = "BENCH-RESULT ";

    public String line() {
        StringJoiner figuresJson = new StringJoiner(",", "{", "}");
        figures.forEach((k, v) -> figuresJson.add("\"" + k + "\":" + (v == null || v.isNaN() || v.isInfinite() ? "null"
                : String.format(Locale.ROOT, "%.3f", v))));
        return PREFIX + "{\"benchmark\":\"" + benchmark + "\",\"complete\":" + complete + ",\"figures\":" + figuresJson + "}";
    }

    public static void print(String benchmark, boolean complete, Map<String, Double> figures) {
        System.out.println(new BenchResult(benchmark, complete, figures).line());
    }

    /** The result on this output line, if it is one; a malformed result line counts as none. */
    public static Optional<BenchResult> parse(String line) {
        int at = line.indexOf(PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            Document doc = Document.parse(line.substring(at + PREFIX.length()).strip());
            String name = doc.getString("benchmark");
            Document figures = doc.get("figures", Document.class);
            if (name == null || figures == null || !(doc.get("complete") instanceof Boolean complete)) {
                return Optional.empty();
            }
            Map<String, Double> values = new LinkedHashMap<>();
            // null (NaN when printed) stays out: a missing figure is never read as 0.
            figures.forEach((k, v) -> {
                if (v instanceof Number n) {
                    values.put(k, n.doubleValue());
                }
            });
            return Optional.of(new BenchResult(name, complete, values));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<Double> figure(String name) {
        return Optional.ofNullable(figures.get(name));
    }
}
