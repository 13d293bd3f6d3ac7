package io.windshift.alliance.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.windshift.messaging.testing.EmbeddedMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The claim-then-settle protocol alone, on the embedded store: writers race for a manager's last slots, each
 * "saving" its alliance (a set standing in for the alliances collection) and settling its claim.
 */
class ManagerLoadIndexRaceTest {

    static MongoClient client;
    static ManagerLoadIndex index;

    @BeforeAll
    static void store() {
        client = MongoClients.create(EmbeddedMongo.uri());
        index = new ManagerLoadIndex(new MongoTemplate(client, "manager-load-race"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @RepeatedTest(30)
    void racingClaimsForTheLastSlotsGrantExactlyTheRoomLeft() throws Exception {
        String manager = "am-" + UUID.randomUUID();
        Set<String> led = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            String held = "held-" + i + "-" + manager;
            assertThat(index.claim(manager, held, 5, true, ids -> among(led, ids)).granted()).isTrue();
            led.add(held);
            index.reconcile(manager, held, true, () -> led.contains(held));
        }
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int w = 0; w < writers; w++) {
                String alliance = "race-" + w + "-" + manager;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    boolean granted = index.claim(manager, alliance, 5, true, ids -> among(led, ids)).granted();
                    if (granted) {
                        led.add(alliance);
                    }
                    index.reconcile(manager, alliance, true, () -> led.contains(alliance));
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> outcome : outcomes) {
                granted += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(led).hasSize(5);
        assertThat(index.strategicAlliancesOf(manager)).containsExactlyInAnyOrderElementsOf(led);
    }

    private static Set<String> among(Set<String> led, java.util.Collection<String> ids) {
        return ids.stream().filter(led::contains).collect(Collectors.toSet());
    }
}
