package io.windshift.local.chaos;

import io.windshift.local.bench.BenchReport;
import io.windshift.local.demo.PlatformClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./windshift chaos}: a ledger-checked fault run against the platform {@code ./windshift up} started.
 * A stream of accepted events ({@link Stream}) flows while faults are injected in turn ({@link Faults}); after
 * a bounded settle the effects are read back ({@link Observer}) and compared with the {@link Ledger}: lost,
 * doubled, out of order, unexpected dead letters. Exits 1 on any of them; the figures are appended to
 * {@code docs/reliability.md}.
 *
 * <pre>
 * ChaosMain GATEWAY KEYS RUN_DIR MONGO_URI KAFKA RESULTS_FILE COMMIT [--events N] [--max-minutes M] [--concurrency C]
 *           [--settle-seconds S] [--replay R] [--fault-gap-seconds G] [--no-record] [--no-faults] [--mail-api URL]
 * </pre>
 */
public final class ChaosMain {

    private static final String INTRO = """
            # Reliability: chaos runs

            `./windshift chaos` runs a stream of accepted events (hires, alliances registered with a team, role
            assignments, obligations, transfers, departures, invoice payments, manager changes, a rescind, reorgs, and reminders
            brought due by moving obligation-service's injectable clock) against the platform of `./windshift up`
            while it injects faults in turn through the launcher and signals: kill -9 of every service instance, of
            the broker and of the store; the store frozen with SIGSTOP for 5 s; a second notification-service instance
            started and stopped (two rebalances); garbage records on every topic; notification-service's offsets moved
            back (a window redelivered). A ledger records each accepted event and the effects it must have (the lead
            told once per departure, the role vacant, the occurrence FULFILLED once, the person in the directory...);
            after a bounded settle a checker reads them back and counts what is lost, doubled, out of order (a departure
            told to the lead who had already been replaced), and dead letters that are not the injected poison.
            Each run appends a row below; any non-zero count fails the run (exit 1).
            """;

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        Path keys = Path.of(args[1]);
        Path runDir = Path.of(args[2]);
        String mongoUri = args[3];
        String kafka = args[4];
        Path results = Path.of(args[5]);
        String commit = args[6];
        int events = Integer.parseInt(option(args, "--events", "10000"));
        double maxMinutes = Double.parseDouble(option(args, "--max-minutes", "15"));
        int concurrency = Integer.parseInt(option(args, "--concurrency", "4"));
        int settleSeconds = Integer.parseInt(option(args, "--settle-seconds", "240"));
        int replay = Integer.parseInt(option(args, "--replay", "30"));
        // the stream's own time between one fault's recovery and the next fault
        Duration faultGap = Duration.ofSeconds(Integer.parseInt(option(args, "--fault-gap-seconds", "6")));
        boolean noFaults = List.of(args).contains("--no-faults");
        boolean record = !List.of(args).contains("--no-record") && !noFaults;

        Instant started = Instant.now();
        Instant hardEnd = started.plusMillis((long) (maxMinutes * 60_000));
        // the stream gets what the settle period and the checker leave of the time box
        Instant streamUntil = hardEnd.minusSeconds(settleSeconds + 60);
        if (!streamUntil.isAfter(started.plusSeconds(30))) {
            throw new IllegalArgumentException("--max-minutes leaves no time for a stream after a " + settleSeconds + " s settle");
        }
        LauncherClient launcher = new LauncherClient(runDir);
        if (!launcher.awaitAllReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("not every instance is ready: see ./windshift status");
        }
        PlatformClient client = new PlatformClient(gateway, keys);
        String run = "c" + Long.toString(System.currentTimeMillis(), 36);
        Ledger ledger = new Ledger();
        int units = Math.max(1, (events + Stream.EVENTS_PER_UNIT - 1) / Stream.EVENTS_PER_UNIT);
        System.out.printf("chaos run %s: %d units of %d events, %d in flight, stream until %s, whole run within %.1f min%n", run, units,
                Stream.EVENTS_PER_UNIT, concurrency, streamUntil, maxMinutes);

        try (Observer observer = new Observer(client, mongoUri, kafka, option(args, "--mail-api", "http://localhost:8025"))) {
            Map<TopicPartition, Long> deadLetterStart = observer.deadLetterEnds();
            ReminderClock clock = new ReminderClock(mongoUri);
            Stream stream = new Stream(client, ledger, run, clock);
            Faults faults = new Faults(launcher, kafka, ledger, run, replay);
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread injector = Thread.ofPlatform().name("chaos-faults").start(() -> {
                if (!noFaults) {
                    faults.runAll(streaming::get, faultGap);
                }
            });
            stream.run(units, concurrency, streamUntil, noFaults ? () -> 1.0 : faults::streamAllowance);
            streaming.set(false);
            if (clock.stepDates.isEmpty()) {
                clock.step(0);
                LauncherClient.sleep(Duration.ofSeconds(30));
            }
            clock.step(1);
            stream.expectReminders();
            Instant streamEnded = Instant.now();
            System.out.printf("stream done: %d events accepted in %.1f s; waiting for the fault sequence%n", ledger.accepted.size(),
                    Duration.between(started, streamEnded).toMillis() / 1000.0);
            injector.join(Duration.between(Instant.now(), hardEnd.minusSeconds(30)).toMillis() > 0
                    ? Duration.between(Instant.now(), hardEnd.minusSeconds(30)) : Duration.ofSeconds(1));
            if (injector.isAlive()) {
                System.out.println("fault sequence still running at the time box: not waiting for it");
                injector.interrupt();
            }
            launcher.awaitAllReady(Duration.ofMinutes(3));

            // settle: until every effect is seen (or the bound), then once more after a pause for late doubles
            Instant settleEnd = Instant.now().plusSeconds(settleSeconds).isBefore(hardEnd) ? Instant.now().plusSeconds(settleSeconds) : hardEnd;
            int missing;
            while ((missing = observer.observe(stream.units)) > 0 && Instant.now().isBefore(settleEnd)) {
                System.out.printf("%s settling: %d effects not seen yet%n", Instant.now(), missing);
                LauncherClient.sleep(Duration.ofSeconds(5));
            }
            LauncherClient.sleep(Duration.ofSeconds(10));
            observer.observe(stream.units);
            List<Ledger.DeadLetter> deadLetters = observer.deadLetters(deadLetterStart);
            Set<String> idleTopics = observer.topicsWithoutConsumer();
            Ledger.Verdict verdict = ledger.verdict(deadLetters, idleTopics);
            Duration took = Duration.between(started, Instant.now());

            print(ledger, stream, faults, verdict, deadLetters, idleTopics, took);
            if (record) {
                if (!Files.exists(results)) {
                    Files.writeString(results, INTRO);
                }
                BenchReport.appendRow(results, "## Chaos runs",
                        List.of("date", "machine", "commit", "events accepted", "faults injected", "lost", "doubled", "out of order",
                                "unexpected dead letters", "duration", "command"),
                        List.of(BenchReport.today(), BenchReport.machine(), "`" + commit + "`", Integer.toString(ledger.accepted.size()),
                                faults.injected.size() + " (" + String.join("; ", faults.injected.stream().map(Faults.Injected::name).toList())
                                        + ")", Integer.toString(verdict.lost().size()), Integer.toString(verdict.doubled().size()),
                                Integer.toString(verdict.outOfOrder().size()), Integer.toString(verdict.unexpectedDeadLetters().size()),
                                String.format("%.1f min", took.toMillis() / 60000.0), "`./windshift chaos --events " + events + "`"));
                System.out.println("figures appended to " + results);
            }
            long incomplete = faults.injected.stream().filter(f -> !f.complete()).count();
            if (incomplete > 0) {
                System.out.println("RESULT: FAILED, " + incomplete + " fault(s) not injected or not recovered from (see above)");
            }
            if (!stream.internalErrors.isEmpty()) {
                System.out.println("RESULT: FAILED, answers that were internal errors instead of a 503 refusal: " + stream.internalErrors);
            }
            clock.close();
            System.exit(verdict.clean() && stream.failedUnits.get() == 0 && incomplete == 0 && stream.internalErrors.isEmpty() ? 0 : 1);
        }
    }

    private static void print(Ledger ledger, Stream stream, Faults faults, Ledger.Verdict v, List<Ledger.DeadLetter> deadLetters,
                              Set<String> idleTopics, Duration took) {
        System.out.println();
        System.out.println("faults injected:");
        for (Faults.Injected f : faults.injected) {
            System.out.printf("  %-60s whole again after %5.1f s  %s%n", f.name(), f.recovered().toMillis() / 1000.0, f.note());
        }
        System.out.println("accepted events by kind: " + ledger.acceptedByKind() + "; refused and retried: " + stream.refusals);
        if (stream.failedUnits.get() > 0) {
            System.out.println("units that stopped before all their events were accepted: " + stream.failedUnits.get());
        }
        v.lost().stream().limit(20).forEach(e -> System.out.println("  LOST     " + e));
        v.doubled().stream().limit(20).forEach(e -> System.out.println("  DOUBLED  " + e));
        v.outOfOrder().stream().limit(20).forEach(e -> System.out.println("  ORDER    " + e));
        v.unexpectedDeadLetters().stream().limit(20).forEach(d -> System.out.println("  DLT      " + d));
        v.poisonNotDeadLettered().forEach(p -> System.out.println("  note: poison not seen on a dead-letter topic: " + p));
        if (!idleTopics.isEmpty()) {
            System.out.println("  note: no consumer group reads " + idleTopics + " (its poison stays on the topic)");
        }
        System.out.println();
        String row = "| %-26s | %10s |%n";
        System.out.printf(row, "events accepted", ledger.accepted.size());
        System.out.printf(row, "effects checked", ledger.effects.size() + ledger.forbidden.size());
        System.out.printf(row, "faults injected", faults.injected.size());
        System.out.printf(row, "lost", v.lost().size());
        System.out.printf(row, "doubled", v.doubled().size());
        System.out.printf(row, "out of order", v.outOfOrder().size());
        System.out.printf(row, "dead letters (poison)", deadLetters.size() - v.unexpectedDeadLetters().size());
        System.out.printf(row, "unexpected dead letters", v.unexpectedDeadLetters().size());
        System.out.printf(row, "requests retried", ledger.retried.get());
        System.out.printf(row, "unanswered but applied", ledger.ambiguous.get());
        System.out.printf(row, "duration", String.format("%.1f min", took.toMillis() / 60000.0));
        System.out.println(v.clean() ? "RESULT: nothing lost, nothing doubled, nothing out of order" : "RESULT: FAILED");
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        if (args.length > 0 && args[args.length - 1].startsWith(name + "=")) {
            return args[args.length - 1].substring(name.length() + 1);
        }
        return fallback;
    }
}
