package io.windshift.alliance.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.contract.EventJson;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.messaging.testing.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** The {@code flag} capacity policy, with a capacity of 2 so the rule is cheap to reach. */
@TestPropertySource(properties = {"windshift.alliance.capacity=2", "windshift.alliance.capacity-policy=flag"})
class CapacityFlagIT extends AllianceServiceIntegrationTest {

    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void overCapacityIsAcceptedButFlaggedAndAReorgThatWouldOverloadSomeoneSaysSo() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String busy = "p-busy-" + u, leaving = "p-leaving-" + u;
        register(alliance("A " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", busy)));
        register(alliance("B " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", busy)));

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            String third = mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                            .content(alliance("C " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", busy))))
                    .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
            String thirdId = third.substring(third.lastIndexOf('/') + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream()
                    .anyMatch(r -> "alliance.manager-over-capacity".equals(TopicProbe.header(r, "ce_type")) && r.key().equals(thirdId)));
            ManagerOverCapacity flagged = probe.records().stream()
                    .filter(r -> "alliance.manager-over-capacity".equals(TopicProbe.header(r, "ce_type")) && r.key().equals(thirdId))
                    .map(r -> EventJson.read(r.value()).dataAs(ManagerOverCapacity.class)).findFirst().orElseThrow();
            assertThat(flagged.managerId()).isEqualTo(busy);
            assertThat(flagged.strategicAlliances()).isEqualTo(3);
            assertThat(flagged.capacity()).isEqualTo(2);
            mvc.perform(get("/api/v1/impacts").param("allianceId", thirdId).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(jsonPath("$[0].impacts[0].kind").value("MANAGER_OVER_CAPACITY"));
        }
        mvc.perform(get("/api/v1/portfolio/manager-load").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(jsonPath("$[?(@.managerId == '%s')].overCapacity".formatted(busy), contains(true)));

        // A second manager with two STRATEGIC alliances leaves; the only one left to cover is already full.
        register(alliance("D " + u, "STRATEGIC", "LATE", seats("PARTNERSHIP_LEAD", "p-l", "ALLIANCE_MANAGER", leaving)));
        String reorg = "hr-" + UUID.randomUUID();
        postHr("""
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                 "data":{"reorgId":"R-%s","effectiveDate":"2026-12-01","departedWorkers":[{"personId":"%s"}]}}
                """.formatted(reorg, u, leaving));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/impacts").param("triggerEventId", reorg).with(person("admin", "ALLIANCE_ADMIN")))
                        .andExpect(jsonPath("$[0].impacts[*].kind", hasItem("MANAGER_OVER_CAPACITY")))
                        .andExpect(jsonPath("$[0].suggestedActions", hasItem(containsString("capacity 2")))));
    }
}
