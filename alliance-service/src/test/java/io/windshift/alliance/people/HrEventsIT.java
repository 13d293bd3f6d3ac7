package io.windshift.alliance.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.contract.EventJson;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.messaging.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The thin path inside alliance-service: HR posts a departure, the person's roles are vacated and announced. */
class HrEventsIT extends AllianceServiceIntegrationTest {


    static final MediaType BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");


    @Autowired MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void aDepartureVacatesTheRolesOnceAndAnnouncesThemKeyedByAlliance() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String allianceId = registerStrategicAlliance("p-lead-1", am);
        String eventId = "hr-" + UUID.randomUUID();
        String terminated = terminated(eventId, am);

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content(terminated))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted", contains(eventId)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                mvc.perform(get("/api/v1/alliances/" + allianceId).with(person("admin", "ALLIANCE_ADMIN")))
                        .andExpect(jsonPath("$.vacantRoles", contains("ALLIANCE_MANAGER")))
                        .andExpect(jsonPath("$.history[0].personId").value(am))
                        .andExpect(jsonPath("$.history[0].endedBy").value(eventId)));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.ALLIANCE)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> vacatedBy(probe, eventId).size() == 1);
            var record = vacatedBy(probe, eventId).getFirst();
            assertThat(record.key()).isEqualTo(allianceId);
            RoleVacated vacated = EventJson.read(record.value()).dataAs(RoleVacated.class);
            assertThat(vacated.role()).isEqualTo("ALLIANCE_MANAGER");
            assertThat(vacated.personId()).isEqualTo(am);

            double duplicatesBefore = duplicates();
            mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content(terminated))
                    .andExpect(status().isAccepted());
            await().atMost(Duration.ofSeconds(10)).until(() -> duplicates() > duplicatesBefore);
            assertThat(vacatedBy(probe, eventId)).hasSize(1);
        }
    }

    @Test
    void invalidEventsAreRefusedNamingTheFieldAndNothingIsPublished() throws Exception {
        String goodId = "hr-" + UUID.randomUUID();
        String badId = "hr-" + UUID.randomUUID();
        String batch = "[" + terminated(goodId, "p-x") + ","
                + """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated","data":{"personId":"p-y"}}
                """.formatted(badId) + "]";

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(BATCH).content(batch))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("[1].data.effectiveDate"));

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT)
                        .content(terminated("hr-" + UUID.randomUUID(), "p-z").replace("hr.worker.terminated", "hr.worker.exploded")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"))
                .andExpect(jsonPath("$.detail", containsString("hr.worker.exploded")));

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content("{\"id\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT)
                        .content("{\"specversion\":\"1.0\",\"source\":\"/w\",\"type\":\"hr.worker.hired\",\"data\":{}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("id", "data.personId", "data.name", "data.effectiveDate")));

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.HR)) {
            // A marker sent after the refused requests: once it is visible, anything refused would be too.
            String marker = "hr-" + UUID.randomUUID();
            mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content(terminated(marker, "p-m")))
                    .andExpect(status().isAccepted());
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream().anyMatch(r -> marker.equals(TopicProbe.header(r, "ce_id"))));
            assertThat(probe.records()).noneMatch(r -> List.of(goodId, badId).contains(TopicProbe.header(r, "ce_id")));
        }
    }

    @Test
    void onlyHrIntegrationClientsMayPostHrEvents() throws Exception {
        String body = terminated("hr-" + UUID.randomUUID(), "p-1");
        mvc.perform(post("/api/v1/hr/events").contentType(CLOUDEVENT).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
        mvc.perform(post("/api/v1/hr/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/hr/events").with(person("admin", "ALLIANCE_ADMIN")).contentType(CLOUDEVENT).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/alliances").with(client("workday", "hr.events:write")))
                .andExpect(status().isForbidden());
    }

    private String registerStrategicAlliance(String lead, String am) throws Exception {
        String location = mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"Helios oncology","partner":"Helios Bio","asset":"HLX-201","type":"CO_DEVELOPMENT",
                                 "stage":"LATE","tier":"STRATEGIC",
                                 "team":[{"role":"PARTNERSHIP_LEAD","personId":"%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                                """.formatted(lead, am)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.team", hasSize(2)))
                .andReturn().getResponse().getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aReorgMovesAndDepartsEveryoneInItInTheDirectoryAndARescindPutsThemBack(@Autowired PeopleDirectory directory) throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String mover = "p-mv-" + u, leaver = "p-lv-" + u, unannounced = "p-un-" + u;
        for (String person : List.of(mover, leaver)) {
            postHr("""
                    {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.worker.hired",
                     "data":{"personId":"%s","name":"Dana %s","email":"%s@example.com","orgUnitId":"ou-onc","managerId":"p-vp","effectiveDate":"2026-11-01"}}
                    """.formatted(UUID.randomUUID(), person, person, person));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(leaver).isPresent() && directory.find(mover).isPresent());
        String reorg = "hr-" + UUID.randomUUID();
        postHr("""
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.org.reorganized",
                 "data":{"reorgId":"R-%s","name":"Realignment","effectiveDate":"2026-12-01",
                         "movedWorkers":[{"personId":"%s","toOrgUnitId":"ou-com","newManagerId":"p-cco"},{"personId":"%s","toOrgUnitId":"ou-com"}],
                         "departedWorkers":[{"personId":"%s"}]}}
                """.formatted(reorg, u, mover, unannounced, leaver));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Person moved = directory.find(mover).orElseThrow();
            assertThat(moved.orgUnitId()).isEqualTo("ou-com");
            assertThat(moved.managerId()).isEqualTo("p-cco");
            assertThat(moved.name()).isEqualTo("Dana " + mover);
            assertThat(moved.lastEventId()).isEqualTo(reorg);
            assertThat(directory.find(leaver).orElseThrow().status()).isEqualTo(PersonStatus.DEPARTED);
            assertThat(directory.find(leaver).orElseThrow().orgUnitId()).isEqualTo("ou-onc");
            assertThat(directory.find(unannounced).orElseThrow().orgUnitId()).isEqualTo("ou-com");
        });
        // The hire of the person the reorg moved before HR's hire was applied (another partition, found by the chaos run):
        // it completes the person and does not move them back.
        postHr("""
                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.worker.hired",
                 "data":{"personId":"%s","name":"Late Hire","email":"late@example.com","orgUnitId":"ou-start","managerId":"p-old","effectiveDate":"2026-11-01"}}
                """.formatted(UUID.randomUUID(), unannounced));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Person late = directory.find(unannounced).orElseThrow();
            assertThat(late.name()).isEqualTo("Late Hire");
            assertThat(late.orgUnitId()).isEqualTo("ou-com");
            assertThat(late.managerId()).isEqualTo("p-old");
            assertThat(late.status()).isEqualTo(PersonStatus.ACTIVE);
        });

        postHr("""
                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.event.rescinded","data":{"rescindedEventId":"%s"}}
                """.formatted(UUID.randomUUID(), reorg));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(directory.find(mover).orElseThrow().orgUnitId()).isEqualTo("ou-onc");
            assertThat(directory.find(mover).orElseThrow().managerId()).isEqualTo("p-vp");
            assertThat(directory.find(leaver).orElseThrow().status()).isEqualTo(PersonStatus.ACTIVE);
        });
    }

    static String terminated(String id, String personId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                 "data":{"personId":"%s","effectiveDate":"2026-12-01","reasonCode":"RESIGNATION"}}
                """.formatted(id, personId);
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> vacatedBy(TopicProbe probe, String triggerId) {
        return probe.records().stream()
                .filter(r -> "alliance.role-vacated".equals(TopicProbe.header(r, "ce_type")))
                .filter(r -> triggerId.equals(EventJson.read(r.value()).dataAs(RoleVacated.class).triggerEventId()))
                .toList();
    }

    private double duplicates() {
        var counter = meters.find("windshift.events.consumed").tag("consumer", "alliance-service.hr").tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }
}
