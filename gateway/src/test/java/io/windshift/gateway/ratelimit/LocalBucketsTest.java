package io.windshift.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.gateway.GatewayProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter under many clients: exact limits per client, concurrent use, and a bounded memory of idle clients. */
class LocalBucketsTest {

    static final long SECOND = 1_000_000_000L;

    /**
     * Clients come and go; every one gets exactly its capacity, however many came before it. (The hand-made map
     * swept idle buckets from inside {@code computeIfAbsent}, which the map forbids: the bucket being created
     * could be linked to an entry the sweep had just removed and be lost, giving that client a second burst.)
     */
    @Test
    void everyOneOfManyComingAndGoingClientsGetsExactlyItsCapacity() {
        AtomicLong now = new AtomicLong();
        LocalBuckets filter = new LocalBuckets(limits(3, 1.0, 1_000_000), now::get);
        for (int i = 0; i < 100_000; i++) {
            String client = "sub:c" + i;
            for (int t = 0; t < 3; t++) {
                assertThat(filter.takeNow("api", client).allowed()).as("%s request %d", client, t + 1).isTrue();
            }
            assertThat(filter.takeNow("api", client).allowed()).as("%s over its capacity", client).isFalse();
            // The client goes quiet long enough for its bucket to be full again.
            now.addAndGet(5 * SECOND);
        }
        // Idle clients were forgotten: only the latest ones are kept (expiry is checked at a granularity of about 1 s).
        assertThat(filter.trackedClients()).isLessThanOrEqualTo(2);
    }

    @Test
    void manyDistinctClientsOnManyThreadsNeverFailAndAHotClientIsStillLimited() throws Exception {
        int threads = 4;
        int clientsPerThread = 25_000;
        int maxClients = 5_000;
        // Real time; refills so slowly that nobody gets a second token during the test.
        LocalBuckets filter = new LocalBuckets(limits(20, 0.000_001, maxClients), System::nanoTime);
        AtomicInteger hotAllowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < clientsPerThread; i++) {
                    assertThat(filter.takeNow("api", "sub:t" + thread + "-" + i).allowed()).isTrue();
                    if (i % 50 == 0 && filter.takeNow("api", "client:hot").allowed()) {
                        hotAllowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS); // rethrows whatever a thread threw
        }
        pool.shutdown();

        // The hot client asked 2,000 times and got its 20: it was never forgotten among 100,000 one-shot clients.
        assertThat(hotAllowed.get()).isEqualTo(20);
        assertThat(filter.takeNow("api", "client:hot").allowed()).isFalse();
        // Memory stays bounded by maxClients, not by the number of clients ever seen.
        assertThat(filter.trackedClients()).isLessThanOrEqualTo(maxClients);
    }

    @Test
    void anIdleClientIsForgottenOnlyOnceItsBucketWouldBeFullAgain() {
        AtomicLong now = new AtomicLong();
        // 4 tokens at 2 per second: full again 2 s after the last request at the latest.
        LocalBuckets filter = new LocalBuckets(limits(4, 2.0, 1_000), now::get);
        for (int i = 0; i < 4; i++) {
            filter.takeNow("api", "sub:a");
        }
        assertThat(filter.takeNow("api", "sub:a").allowed()).isFalse();
        assertThat(filter.trackedClients()).isEqualTo(1);

        now.addAndGet(SECOND); // half refilled: still remembered, still limited to what refilled
        assertThat(filter.trackedClients()).isEqualTo(1);
        assertThat(filter.takeNow("api", "sub:a").remaining()).isEqualTo(1);

        now.addAndGet(10 * SECOND);
        assertThat(filter.trackedClients()).isZero();
        assertThat(filter.takeNow("api", "sub:a").remaining()).isEqualTo(3);
    }

    private static GatewayProperties.RateLimit limits(int capacity, double refillPerSecond, int maxClients) {
        return new GatewayProperties.RateLimit(new GatewayProperties.Limit(capacity, refillPerSecond), Map.of(), maxClients, null, null);
    }
}
