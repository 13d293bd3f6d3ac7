package io.windshift.alliance.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.windshift.alliance.AllianceServiceIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The capacity rule (at most 5 STRATEGIC alliances per alliance manager, refused beyond) under concurrent
 * commands through the API: however the requests interleave, exactly the capacity is granted, the rest get the
 * documented 409 problem, and the store holds exactly the capacity.
 */
class ManagerCapacityRaceIT extends AllianceServiceIntegrationTest {

    static final int CAPACITY = 5;
    static final int THREADS = 8;

    @Autowired AlliancePortfolio portfolio;

    @RepeatedTest(5)
    void concurrentRegistrationsGiveOneManagerExactlyTheCapacity() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-race-" + u;

        List<MockHttpServletResponse> responses = race(THREADS, i -> post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(alliance("Race " + i + " " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", am))));

        assertThat(responses.stream().filter(r -> r.getStatus() == 201)).hasSize(CAPACITY);
        assertOverCapacityProblems(responses.stream().filter(r -> r.getStatus() != 201).toList(), THREADS - CAPACITY, "team");
        assertStoreHolds(am, CAPACITY);
    }

    @RepeatedTest(3)
    void concurrentAssignmentsForTheLastSlotsGrantExactlyTheRoomLeft() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-race-" + u;
        for (int i = 0; i < 3; i++) {
            register(alliance("Held " + i + " " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", am)));
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            others.add(register(alliance("Other " + i + " " + u, "STRATEGIC", "LATE",
                    seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", "p-other-" + i + "-" + u))));
        }

        List<MockHttpServletResponse> responses = race(THREADS, i -> put("/api/v1/alliances/" + others.get(i) + "/roles/ALLIANCE_MANAGER")
                .with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"" + am + "\"}"));

        assertThat(responses.stream().filter(r -> r.getStatus() == 200)).hasSize(CAPACITY - 3);
        assertOverCapacityProblems(responses.stream().filter(r -> r.getStatus() != 200).toList(), THREADS - (CAPACITY - 3), "personId");
        assertStoreHolds(am, CAPACITY);
    }

    @Test
    void aSlotIsFreedWhenAnAllianceLeavesTheManagerOrTheStrategicTier() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String am = "p-full-" + u;
        List<String> led = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            led.add(register(alliance("Full " + i + " " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", am))));
        }
        String sixth = alliance("Sixth " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", am));
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON).content(sixth))
                .andExpect(status().isConflict());

        // Another manager takes one over: the slot is free again.
        mvc.perform(put("/api/v1/alliances/" + led.getFirst() + "/roles/ALLIANCE_MANAGER").with(person("admin", "ALLIANCE_ADMIN"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\"p-relief-" + u + "\"}")).andExpect(status().isOk());
        register(sixth);
        assertStoreHolds(am, CAPACITY);

        // One of them becomes STANDARD: again a slot, taken by a seventh.
        mvc.perform(post("/api/v1/portfolio/reprioritisations").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"asset\":\"FULL-1-" + u.toUpperCase() + "-1\",\"tier\":\"STANDARD\",\"reason\":\"deprioritised\"}"))
                .andExpect(status().isOk());
        register(alliance("Seventh " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-lead-" + u, "ALLIANCE_MANAGER", am)));
        assertStoreHolds(am, CAPACITY);
    }

    /** Starts every request at the same moment on its own thread and returns the responses. */
    private List<MockHttpServletResponse> race(int threads, IntFunction<RequestBuilder> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MockHttpServletResponse>> pending = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                RequestBuilder builder = request.apply(i);
                Callable<MockHttpServletResponse> call = () -> {
                    start.await();
                    return mvc.perform(builder).andReturn().getResponse();
                };
                pending.add(pool.submit(call));
            }
            start.countDown();
            List<MockHttpServletResponse> responses = new ArrayList<>();
            for (Future<MockHttpServletResponse> response : pending) {
                responses.add(response.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOverCapacityProblems(List<MockHttpServletResponse> refused, int expected, String field) throws Exception {
        assertThat(refused).hasSize(expected);
        for (MockHttpServletResponse response : refused) {
            String body = response.getContentAsString();
            assertThat(response.getStatus()).as(body).isEqualTo(409);
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("Over capacity");
            assertThat((String) JsonPath.read(body, "$.errors[0].field")).isEqualTo(field);
        }
    }

    /** The alliances themselves, the portfolio's count and the load report all say the same. */
    private void assertStoreHolds(String managerId, int strategic) throws Exception {
        long stored = portfolio.list(null, Tier.STRATEGIC, null).stream().filter(a -> a.holds(managerId, Role.ALLIANCE_MANAGER)).count();
        assertThat(stored).isEqualTo(strategic);
        assertThat(portfolio.strategicLoadOf(managerId)).isEqualTo(strategic);
        mvc.perform(get("/api/v1/portfolio/manager-load").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(jsonPath("$[?(@.managerId == '%s')].strategicAlliances".formatted(managerId)).value(strategic));
    }
}
