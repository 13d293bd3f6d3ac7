package io.windshift.alliance.portfolio;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

class AllianceApiIT extends AllianceServiceIntegrationTest {



    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() throws Exception {
        String name = "Refused " + UUID.randomUUID();
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, "STRATEGIC", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"p-1\"}]")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("team"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ALLIANCE_MANAGER")));
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, "GIGANTIC", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"p-1\"}]")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tier"));
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content(body(" ", "STANDARD", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"\"}]")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("name", "team[0].personId")));
        mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        mvc.perform(get("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')]", empty()));
    }

    @Test
    void peopleSeeOnlyTheAlliancesWhereTheyHoldARoleAndAdminsSeeAll() throws Exception {
        String lead = "p-lead-" + UUID.randomUUID();
        String location = mvc.perform(post("/api/v1/alliances").with(person("head", "HEAD_OF_ALLIANCE_MANAGEMENT"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("Aurora " + lead, "STANDARD", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"" + lead + "\"}]")))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(person(lead, "EMPLOYEE"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/alliances").with(person(lead, "EMPLOYEE"))).andExpect(jsonPath("$", hasSize(1)));
        mvc.perform(get(location).with(person("p-stranger", "ALLIANCE_MANAGER"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/alliances?personId=" + lead).with(person("p-stranger", "ALLIANCE_MANAGER"))).andExpect(jsonPath("$", empty()));
        mvc.perform(get("/api/v1/alliances?personId=" + lead).with(person("admin", "ALLIANCE_ADMIN"))).andExpect(jsonPath("$", hasSize(1)));
        mvc.perform(post("/api/v1/alliances").with(person(lead, "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON)
                        .content(body("Not mine to create", "STANDARD", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"x\"}]")))
                .andExpect(status().isForbidden());
    }

    @Test
    void assigningASponsorReplacesThePreviousOne() throws Exception {
        String location = mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content(body("Borealis", "STANDARD", "[{\"role\":\"PARTNERSHIP_LEAD\",\"personId\":\"p-l\"},{\"role\":\"EXECUTIVE_SPONSOR\",\"personId\":\"p-s1\"}]")))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        mvc.perform(put(location + "/roles/EXECUTIVE_SPONSOR").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"p-s2\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.team[?(@.role == 'EXECUTIVE_SPONSOR')].personId").value("p-s2"))
                .andExpect(jsonPath("$.history[0].personId").value("p-s1"));
        mvc.perform(put(location + "/roles/CHIEF_WIZARD").with(person("admin", "ALLIANCE_ADMIN")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"p-s2\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("role"));
    }

    private static String body(String name, String tier, String team) {
        return """
                {"name":"%s","partner":"Partner Bio","type":"LICENSE","stage":"EARLY","tier":"%s","team":%s}
                """.formatted(name, tier, team);
    }
}
