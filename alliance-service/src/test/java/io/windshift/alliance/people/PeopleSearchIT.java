package io.windshift.alliance.people;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** GET /api/v1/people?q=: the HR mirror found by name or id, as each kind of caller may see it. */
class PeopleSearchIT extends AllianceServiceIntegrationTest {

    @Test
    void peopleAreFoundByNameOrIdAndEachCallerFindsOnlyWhomTheyMaySee() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lead = "p-lead-" + run;
        String colleague = "p-fin-" + run;
        String stranger = "p-str-" + run;
        // A surname unique to this run, so other tests' people do not show up.
        String surname = "Qz" + run.replaceAll("[^a-z]", "x");
        hire(lead, "Ana " + surname);
        hire(colleague, "Bruno " + surname + "-Élan");
        hire(stranger, "Ana Stranger" + surname);
        register(alliance("Search " + run, "STANDARD", "EARLY", seats("PARTNERSHIP_LEAD", lead, "FINANCE_LEAD", colleague)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/api/v1/people").param("q", surname.toUpperCase()).with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.total").value(2))
                        .andExpect(jsonPath("$.items[*].personId", contains(lead, colleague))));
        mvc.perform(get("/api/v1/people").param("q", "elan").with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.items[?(@.personId == '" + colleague + "')].name").value("Bruno " + surname + "-Élan"));
        mvc.perform(get("/api/v1/people").param("q", "stranger" + surname).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.items[*].personId", contains(stranger)));
        mvc.perform(get("/api/v1/people").param("q", "p-str-" + run).with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.items[*].personId", contains(stranger)));
        // Paged: one per page, the total counts both.
        mvc.perform(get("/api/v1/people").param("q", surname).param("size", "1").param("page", "1").with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$.items[*].personId", contains(colleague)))
                .andExpect(jsonPath("$.total").value(2));

        // The lead finds their alliance colleague and themselves, not the stranger who shares no alliance.
        mvc.perform(get("/api/v1/people").param("q", surname).with(person(lead, "EMPLOYEE")))
                .andExpect(jsonPath("$.items[*].personId", containsInAnyOrder(lead, colleague)));
        mvc.perform(get("/api/v1/people").param("q", "ana").with(person(lead, "EMPLOYEE")))
                .andExpect(jsonPath("$.items[*].personId", contains(lead)));
        // The stranger finds only themselves.
        mvc.perform(get("/api/v1/people").param("q", surname).with(person(stranger, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/people").param("q", "ana").with(person(stranger, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.items[*].personId", contains(stranger)));
        // An HR integration client posts events and reads no one.
        mvc.perform(get("/api/v1/people").param("q", surname).with(client("workday", "hr.events:write")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aQueryTooShortOrTooLongOrABadPageIsA400NamingTheField() throws Exception {
        for (String q : new String[] {null, "", " a ", "x".repeat(101)}) {
            var request = get("/api/v1/people").with(person("admin", "ALLIANCE_ADMIN"));
            if (q != null) {
                request.param("q", q);
            }
            mvc.perform(request).andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("q"));
        }
        for (String[] paging : new String[][] {{"size", "0"}, {"size", "101"}, {"page", "-1"}, {"size", "ten"}}) {
            mvc.perform(get("/api/v1/people").param("q", "ana").param(paging[0], paging[1]).with(person("admin", "ALLIANCE_ADMIN")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(paging[0]));
        }
    }

    private void hire(String personId, String name) throws Exception {
        postHr("""
                {"specversion":"1.0","id":"hr-%s","source":"/workday","type":"hr.worker.hired",
                 "data":{"personId":"%s","name":"%s","email":"%s@windshift.example","orgUnitId":"ou-1","managerId":"p-head","effectiveDate":"2026-01-01"}}
                """.formatted(UUID.randomUUID(), personId, name, personId));
    }
}
