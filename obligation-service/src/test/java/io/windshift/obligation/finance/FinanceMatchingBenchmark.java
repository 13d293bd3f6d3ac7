package io.windshift.obligation.finance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.obligation.BenchmarkContext;
import io.windshift.obligation.MutableClock;
import io.windshift.obligation.register.Category;
import io.windshift.obligation.register.Direction;
import io.windshift.obligation.register.ExternalReference;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ObligationTerms;
import io.windshift.obligation.register.ObligationType;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.Schedule;
import io.windshift.obligation.register.SchedulerBenchmark;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Benchmark command (not a test): matches a batch of 1,000 ERP payments against a register of N payment obligations
 * (default 10,000) on the embedded store, the way {@code FinanceEventListener} applies them (FinanceLedger, its relay to
 * a real in-JVM KRaft broker included): 800 name the purchase order recorded on the obligation, 200 only the agreement
 * and clause with the currency (the fallback an ERP without references uses). Each closes its occurrence. The anchor,
 * in the same run and store: the keyed round trips no matcher can avoid, one read of the reference and one read and
 * one replace of the occurrence per payment. Prints the figures and appends a row to docs/benchmarks.md.
 *
 * <p>Run: {@code mvn -o -q -pl obligation-service -Pbench -Dbench.main=io.windshift.obligation.finance.FinanceMatchingBenchmark
 * test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec} (or {@code ./windshift bench finance-matching});
 * {@code -Dbench.occurrences=N} sets the register's size, {@code -Dbench.jvm=-Dbench.jfr=FILE} records the measured batch.
 */
public final class FinanceMatchingBenchmark {

    static final int BATCH = 1_000;
    static final int BY_AGREEMENT = 200;
    static final int WARM_UP = 300;
    static final Instant NOW = Instant.parse("2027-01-04T08:00:00Z");

    public static void main(String[] args) throws Exception {
        int obligations = args.length > 0 ? Math.max(BATCH + WARM_UP, Integer.parseInt(args[0])) : 10_000;
        int code;
        try (BenchmarkContext bench = BenchmarkContext.start("finance-bench", new MutableClock(NOW))) {
            code = run(bench.context, obligations);
        }
        System.exit(code);
    }

    static int run(ConfigurableApplicationContext context, int total) throws Exception {
        ObligationRegister register = context.getBean(ObligationRegister.class);
        FinanceLedger ledger = context.getBean(FinanceLedger.class);
        MongoTemplate mongo = context.getBean(MongoTemplate.class);

        long loadStart = System.nanoTime();
        List<Obligation> registered = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            registered.add(register.register(new ObligationTerms("al-fin-" + (i % 100), "Milestone " + i, "AGR-" + i, "7." + i,
                    Category.FINANCIAL, ObligationType.MILESTONE_PAYMENT, Direction.OWED_TO_US, "p-owner-" + (i % 50), null,
                    new BigDecimal("2500.00"), "EUR", null, Schedule.once(LocalDate.parse("2027-02-01")),
                    List.of(new ExternalReference(ExternalReference.Kind.PURCHASE_ORDER, "PO-" + i, null))), "bench"));
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf("registered %,d payment obligations (one occurrence and one PO reference each) in %.1f s%n", total, loadSeconds);

        // Warm-up on other obligations (class loading and JIT of the match, save and relay path), then the measured batch.
        int stride = total / (BATCH + WARM_UP);
        List<Integer> warm = new ArrayList<>();
        List<Integer> measured = new ArrayList<>();
        for (int k = 0; k < BATCH + WARM_UP; k++) {
            (k < WARM_UP ? warm : measured).add(k * stride);
        }
        ledger.applyAll(payments(warm, 0));
        List<CloudEvent> batch = payments(measured, BY_AGREEMENT);
        long gcBefore = SchedulerBenchmark.gcMillis();
        jdk.jfr.Recording profile = SchedulerBenchmark.profiling();
        long start = System.nanoTime();
        ledger.applyAll(batch);
        double batchMs = (System.nanoTime() - start) / 1e6;
        if (profile != null) {
            profile.stop();
            profile.dump(java.nio.file.Path.of(System.getProperty("bench.jfr")));
            System.out.println("JFR of the measured batch: " + System.getProperty("bench.jfr"));
        }
        long gc = SchedulerBenchmark.gcMillis() - gcBefore;

        int closed = 0;
        for (int i : measured) {
            Occurrence occurrence = register.occurrencesOf(registered.get(i)).getFirst();
            closed += occurrence.state().isClosed() ? 1 : 0;
        }
        int unmatched = ledger.unmatched().size();

        // The anchor: per payment, the reference read by key, the occurrence read by key and replaced by key.
        MongoCollection<Document> references = mongo.getCollection("finance_anchor_refs");
        MongoCollection<Document> occurrences = mongo.getCollection("finance_anchor_occurrences");
        List<Document> refs = new ArrayList<>(total);
        List<Document> occs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            refs.add(new Document("_id", "ref:PO-" + i).append("obligationId", "ob-" + i));
            occs.add(new Document("_id", "oc-" + i).append("state", "DUE").append("amount", "2500.00").append("version", 0L));
        }
        references.insertMany(refs);
        occurrences.insertMany(occs);
        // Warmed as long as the ledger was (its warm-up batch and the registration before), so neither meets a cold path.
        for (int round = 0; round < 10; round++) {
            anchorPass(references, occurrences, warm);
        }
        long anchorStart = System.nanoTime();
        anchorPass(references, occurrences, measured);
        double anchorMs = (System.nanoTime() - anchorStart) / 1e6;

        boolean complete = closed == BATCH && unmatched == 0;
        System.out.printf("batch of %,d payments (%d by PO reference, %d by agreement + clause + currency) matched and applied in %.0f ms "
                + "(GC %d ms): %d occurrences closed, %d unmatched%n", BATCH, BATCH - BY_AGREEMENT, BY_AGREEMENT, batchMs, gc, closed, unmatched);
        System.out.printf("anchor, the same store: %,d keyed reads of the reference + read and replace of the occurrence in %.0f ms; ratio %.1f×%n",
                BATCH, anchorMs, batchMs / anchorMs);
        System.out.println(String.format(Locale.ROOT, "BENCH-RESULT {\"benchmark\":\"finance-matching\",\"complete\":%b,\"figures\":"
                + "{\"obligations\":%d,\"payments\":%d,\"batch_ms\":%.1f,\"anchor_ms\":%.1f,\"closed\":%d,\"unmatched\":%d}}",
                complete, total, BATCH, batchMs, anchorMs, closed, unmatched));
        if (!complete) {
            System.out.println("UNEXPECTED: every payment should close its occurrence; no row written");
            return 1;
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.version") + ", -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m";
        String row = String.format(Locale.ROOT, "| %s | %s | mongo-java-server (memory) | %,d | %,d (%d by agreement + clause) | %.0f ms (GC %d ms) "
                        + "| %.0f ms | %.1f× | %,d MB |", Instant.now().atZone(ZoneOffset.UTC).toLocalDateTime().withNano(0), machine, total, BATCH,
                BY_AGREEMENT, batchMs, gc, anchorMs, batchMs / anchorMs, SchedulerBenchmark.rssBytes() >> 20);
        SchedulerBenchmark.insertRow(SchedulerBenchmark.locateDocs(), SECTION, HEADER, row);
        System.out.println("appended to docs/benchmarks.md: " + row);
        return 0;
    }

    static final String SECTION = "## obligation-service: finance matching";
    static final String HEADER = "| date (UTC) | machine | store | obligations | payments in the batch | batch matched and applied "
            + "| anchor: keyed reads and replace | ratio | RSS |\n|---|---|---|---|---|---|---|---|---|";

    /** A receipt for each obligation index: by its PO, or (the first {@code byAgreement}) by agreement, clause and currency. */
    static List<CloudEvent> payments(List<Integer> indexes, int byAgreement) {
        List<CloudEvent> events = new ArrayList<>(indexes.size());
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            String names = k < byAgreement ? "\"agreementId\":\"AGR-" + i + "\",\"clauseRef\":\"7." + i + "\"" : "\"reference\":\"PO-" + i + "\"";
            events.add(EventJson.read("""
                    {"specversion":"1.0","id":"fin-bench-%d","source":"/sap","type":"finance.payment.received","time":"%s",
                     "data":{"paymentId":"pay-%d",%s,"amount":2500.00,"currency":"EUR","paidAt":"%s"}}
                    """.formatted(i, NOW, i, names, NOW)));
        }
        return events;
    }

    private static void anchorPass(MongoCollection<Document> references, MongoCollection<Document> occurrences, List<Integer> indexes) {
        for (int i : indexes) {
            Document ref = references.find(Filters.eq("_id", "ref:PO-" + i)).first();
            Document occurrence = occurrences.find(Filters.eq("_id", "oc-" + i)).first();
            if (ref == null || occurrence == null) {
                throw new IllegalStateException("anchor data missing for " + i);
            }
            occurrence.put("state", "FULFILLED");
            occurrence.put("version", occurrence.getLong("version") + 1);
            occurrences.replaceOne(Filters.eq("_id", "oc-" + i), occurrence, new ReplaceOptions());
        }
    }
}
