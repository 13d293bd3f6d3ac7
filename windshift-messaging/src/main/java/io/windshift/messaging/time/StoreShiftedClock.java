package io.windshift.messaging.time;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The injectable clock of a local or test platform ({@code windshift.clock.shiftable=true}, never in production): the
 * system clock plus an offset kept in the service's own store ({@code platform_clock}, {@code _id} "offset", field
 * {@code millis}), so every instance of the service shares it and it survives restarts. A driver such as
 * {@code ./windshift chaos} moves a service days ahead by writing that document; reminders and deadlines then come due
 * as they would on those days. The offset is re-read every {@code refresh} on a daemon thread, so reading the time never
 * waits for the store; while the store is away the last offset holds.
 */
public final class StoreShiftedClock extends Clock implements AutoCloseable {

    public static final String COLLECTION = "platform_clock";
    public static final String ID = "offset";
    public static final String FIELD = "millis";

    private final MongoTemplate mongo;
    private final ScheduledExecutorService refresher;
    private volatile long offsetMillis;

    public StoreShiftedClock(MongoTemplate mongo, long refreshMillis) {
        this.mongo = mongo;
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shifted-clock");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }

    /** Reads the offset now (the refresher does this on its own); keeps the last one if the store does not answer. */
    public void refresh() {
        try {
            Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", ID)).first();
            Number millis = doc == null ? null : doc.get(FIELD, Number.class);
            offsetMillis = millis == null ? 0 : millis.longValue();
        } catch (RuntimeException e) {
            // the store is away (or paused): the last offset holds
        }
    }

    public long offsetMillis() {
        return offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), java.time.Duration.ofMillis(offsetMillis));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
