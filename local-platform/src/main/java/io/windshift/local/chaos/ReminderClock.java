package io.windshift.local.chaos;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Moves obligation-service's injectable clock (the offset its {@code StoreShiftedClock} reads from its store) so the
 * chaos stream's reminders come due while faults are injected: each unit registers an obligation due
 * {@value #DUE_IN_DAYS} days ahead with lead times {@link #LEADS}; the clock moves {@link #STEPS} days ahead, the first
 * step half-way through the stream, the second after it. After downtime the scheduler sends only the nearest lead time
 * passed, so each step is chosen to pass exactly one lead time of every unit, and the ledger expects one reminder per
 * (occurrence, lead time) passed, the rest forbidden. The clock is put back when the run ends.
 */
final class ReminderClock implements AutoCloseable {

    static final String DATABASE = "windshift-obligation";
    static final List<Integer> LEADS = List.of(10, 3);
    static final int DUE_IN_DAYS = 12;
    /** Days ahead of the real date after each step (cumulative), below the 14 days processed-event ids are kept. */
    static final List<Integer> STEPS = List.of(3, 10);

    private final MongoClient client;
    private final MongoCollection<Document> clock;
    private volatile int daysAhead;
    /** obligation-service's date after each step taken. */
    final List<LocalDate> stepDates = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.concurrent.ScheduledExecutorService keeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reminder-clock");
        t.setDaemon(true);
        return t;
    });

    ReminderClock(String mongoUri) {
        this.client = MongoClients.create(mongoUri);
        this.clock = client.getDatabase(DATABASE).getCollection("platform_clock");
        set(0);
        // Written again every few seconds: the store killed right after a write may have lost it (the H2 file's last second).
        keeper.scheduleWithFixedDelay(() -> {
            try {
                set(daysAhead);
            } catch (RuntimeException e) {
                // the store is away: next time
            }
        }, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** obligation-service's date now, as the stream should write its due dates. */
    LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
    }

    int daysAhead() {
        return daysAhead;
    }

    /** Takes step {@code index} (0 or 1) of {@link #STEPS}. */
    void step(int index) {
        set(STEPS.get(index));
        stepDates.add(today());
        System.out.printf("reminder clock: obligation-service is now %d days ahead%n", daysAhead);
    }

    /**
     * The lead times whose reminder an occurrence due on {@code due}, registered on {@code registeredOn} (obligation-service's
     * date then), gets: at registration and at each later move of the clock, the nearest lead time newly passed (if any).
     */
    static List<Integer> expected(LocalDate due, LocalDate registeredOn, List<LocalDate> stepDates) {
        List<Integer> sent = new ArrayList<>();
        TreeSet<Integer> passed = new TreeSet<>();
        List<LocalDate> moments = new ArrayList<>(List.of(registeredOn));
        stepDates.stream().filter(d -> d.isAfter(registeredOn)).forEach(moments::add);
        for (LocalDate date : moments) {
            TreeSet<Integer> now = new TreeSet<>();
            for (int lead : LEADS) {
                if (!due.minusDays(lead).isAfter(date) && !passed.contains(lead)) {
                    now.add(lead);
                }
            }
            if (!now.isEmpty()) {
                sent.add(now.first());
            }
            passed.addAll(now);
        }
        return sent;
    }

    private void set(int days) {
        daysAhead = days;
        clock.replaceOne(Filters.eq("_id", "offset"), new Document("_id", "offset").append("millis", Duration.ofDays(days).toMillis()),
                new ReplaceOptions().upsert(true));
    }

    /** Puts obligation-service's clock back (reminders already sent stay sent; nothing is due again until its time). */
    @Override
    public void close() {
        keeper.shutdownNow();
        try {
            set(0);
        } finally {
            client.close();
        }
    }
}
