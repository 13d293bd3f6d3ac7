package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.obligation.ObligationRegistered;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/** The register through its API: create, read, list, scoping by role, bad input. */
class ObligationApiIT extends ObligationServiceIntegrationTest {

    @Autowired MongoTemplate mongo;

    @Test
    void registersAnObligationWithItsOccurrencesAndAnnouncesIt() throws Exception {
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", "p-am-" + UUID.randomUUID()));
        String due = clock.today().plusDays(90).toString();
        String location = mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(milestonePayment(allianceId, "p-owner", due, "2500000.00", "eur")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/obligations/ob-")))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.leadTimes", org.hamcrest.Matchers.contains(30, 7, 1)))
                .andExpect(jsonPath("$.occurrences", hasSize(1)))
                .andExpect(jsonPath("$.occurrences[0].dueDate").value(due))
                .andExpect(jsonPath("$.occurrences[0].status").value("OPEN"))
                .andExpect(jsonPath("$.history[0].by").value("p-admin"))
                .andReturn().getResponse().getHeader("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        mvc.perform(get(location).with(admin())).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(probe, id, EventType.OBLIGATION_REGISTERED).size() == 1);
            ObligationRegistered registered = eventsOf(probe, id, EventType.OBLIGATION_REGISTERED).getFirst().dataAs(ObligationRegistered.class);
            assertThat(registered.firstDueDate()).hasToString(due);
            assertThat(registered.allianceId()).isEqualTo(allianceId);
        }
    }

    @Test
    void recurringAndTriggeredObligations() throws Exception {
        String allianceId = "al-" + UUID.randomUUID();
        String first = clock.today().plusDays(60).toString();
        String until = clock.today().plusDays(60).plusYears(1).toString();
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"allianceId":"%s","title":"Quarterly royalty report","agreementId":"AGR-7","clauseRef":"9.3","category":"REPORTING",
                         "type":"ROYALTY_REPORT","direction":"OWED_TO_US","ownerId":"p-owner","leadTimes":[14,3],
                         "recurrence":{"frequency":"QUARTERLY","firstDueDate":"%s","until":"%s"}}
                        """.formatted(allianceId, first, until)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.occurrences", hasSize(5)))
                .andExpect(jsonPath("$.occurrences[4].dueDate").value(until))
                .andExpect(jsonPath("$.occurrences[0].nextReminderLeadDays").value(14));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"allianceId":"%s","title":"Milestone on first patient dosed","agreementId":"AGR-7","clauseRef":"7.2(c)",
                         "category":"FINANCIAL","type":"MILESTONE_PAYMENT","direction":"OWED_TO_US","ownerId":"p-owner",
                         "amount":1000000,"currency":"USD","trigger":{"milestone":"first patient dosed in Phase 3","dueDaysAfter":45}}
                        """.formatted(allianceId)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.occurrences[0].dueDate").doesNotExist())
                .andExpect(jsonPath("$.schedule.kind").value("TRIGGERED"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long before = mongo.getCollection("obligations").countDocuments();
        String allianceId = "al-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(milestonePayment(allianceId, "p-owner", clock.today().plusDays(9).toString(), "-5", "EUR")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("amount")));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(milestonePayment(allianceId, "p-owner", clock.today().plusDays(9).toString(), "5", "XYZ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("currency"));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(milestonePayment(allianceId, "p-owner", "2027-02-30", "5", "EUR")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dueDate"));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(milestonePayment(allianceId, "p-owner", "2027-03-01", "5", "EUR").replace("\"FINANCIAL\"", "\"MONEY\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("category"));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"title":"x","agreementId":"A","clauseRef":"1","category":"OTHER","type":"OTHER","direction":"OWED_BY_US",
                         "leadTimes":[0]}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItems("allianceId", "ownerId")))
                .andExpect(jsonPath("$.detail", containsString("leadTimes")));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"allianceId":"%s","title":"x","agreementId":"A","clauseRef":"1","category":"OTHER","type":"OTHER",
                         "direction":"OWED_BY_US","ownerId":"p"}
                        """.formatted(allianceId)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dueDate"));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{\"title\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(get("/api/v1/obligations").param("size", "0").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(mongo.getCollection("obligations").countDocuments()).isEqualTo(before);
        assertThat(mongo.getCollection("obligations").countDocuments(new org.bson.Document("allianceId", allianceId))).isZero();
    }

    @Test
    void readsAreScopedByRole() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String sponsor = "p-sponsor-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", am), new TeamMember("EXECUTIVE_SPONSOR", sponsor));
        String owner = "p-owner-" + UUID.randomUUID();
        String payment = registerObligation(milestonePayment(allianceId, owner, clock.today().plusDays(100).toString(), "10", "EUR"));
        clock.advance(Duration.ofMinutes(1));
        String report = registerObligation("""
                {"allianceId":"%s","title":"Annual report","agreementId":"AGR-7","clauseRef":"9.1","category":"REPORTING",
                 "type":"ANNUAL_REPORT","direction":"OWED_BY_US","ownerId":"%s","reviewerId":"p-rev-x","dueDate":"%s"}
                """.formatted(allianceId, owner, clock.today().plusDays(200)));

        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).with(person("p-head", "HEAD_OF_ALLIANCE_MANAGEMENT")))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).with(person(sponsor, "EXECUTIVE_SPONSOR")))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).param("size", "1").param("page", "1").with(person(am, "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(report));
        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(payment));
        mvc.perform(get("/api/v1/obligations/" + report).with(person("p-cfo", "FINANCE"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/obligations/" + report).with(person("p-rev-x"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/obligations/" + report).with(person("p-rev-x", "EMPLOYEE"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/obligations").with(person(owner, "EMPLOYEE")))
                .andExpect(jsonPath("$.items[*].id", hasItems(payment, report)));
        mvc.perform(get("/api/v1/obligations").param("allianceId", allianceId).with(person("p-stranger", "ALLIANCE_MANAGER")))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/obligations/" + payment).with(person("p-stranger", "ALLIANCE_MANAGER"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/obligations/" + payment).with(client("sap", "finance.events:write"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/obligations/" + payment)).andExpect(status().isUnauthorized());

        // A role assigned later widens what that person sees.
        String pm = "p-pm-" + UUID.randomUUID();
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned(allianceId, "PROGRAM_MANAGER", pm, null, "t", 2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                mvc.perform(get("/api/v1/obligations/" + report).with(person(pm, "EMPLOYEE"))).andExpect(status().isOk()));
    }

    @Test
    void theAllianceManagerOfTheAllianceMayWriteOthersMayNot() throws Exception {
        String am = "p-am-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("ALLIANCE_MANAGER", am));
        String body = milestonePayment(allianceId, "p-owner", clock.today().plusDays(50).toString(), "10", "EUR");
        mvc.perform(post("/api/v1/obligations").with(person(am, "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/obligations").with(person("p-other-am", "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/obligations").with(person("p-cfo", "FINANCE")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/obligations").with(client("sap", "finance.events:write")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());

        String id = registerObligation(body);
        mvc.perform(put("/api/v1/obligations/" + id + "/owner").with(person(am, "ALLIANCE_MANAGER")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"p-new-owner\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ownerId").value("p-new-owner"))
                .andExpect(jsonPath("$.history[*].action", hasItem("OWNER_ASSIGNED")));
        mvc.perform(put("/api/v1/obligations/" + id + "/owner").with(person("p-new-owner", "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"p-me\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/obligations/" + id + "/owner").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{\"personId\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        // The owner may record the fulfilment of their own obligation.
        mvc.perform(post("/api/v1/obligations/" + id + "/occurrences/" + id + "-1/fulfil").with(person("p-new-owner", "EMPLOYEE"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"evidence\":\"wire transfer ref 42\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED"))
                .andExpect(jsonPath("$.occurrences[0].timeliness").value("EARLY"))
                .andExpect(jsonPath("$.occurrences[0].nextReminderAt").doesNotExist());
        mvc.perform(post("/api/v1/obligations/" + id + "/occurrences/" + id + "-1/waive").with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/obligations/" + id + "/occurrences/" + id + "-9/waive").with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].history[*].action", not(hasItem("WAIVED"))));
    }

    @Test
    void aDisputedOccurrenceCanBeWaivedAndTheWaiverIsAnnounced() throws Exception {
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(20).toString(), "10", "EUR"));
        String occurrence = "/api/v1/obligations/" + id + "/occurrences/" + id + "-1";
        mvc.perform(post(occurrence + "/dispute").with(person("p-owner", "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"partner disputes the data package\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.occurrences[0].status").value("IN_DISPUTE"))
                .andExpect(jsonPath("$.occurrences[0].nextReminderAt").doesNotExist());
        mvc.perform(post(occurrence + "/waive").with(person("p-owner", "EMPLOYEE")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post(occurrence + "/waive").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post(occurrence + "/waive").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"settled in the JSC of March\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.occurrences[0].status").value("WAIVED"))
                .andExpect(jsonPath("$.occurrences[0].history[*].action", hasItems("PLANNED", "DISPUTED", "WAIVED")));
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(probe, id, EventType.OBLIGATION_WAIVED).size() == 1);
            assertThat(eventsOf(probe, id, EventType.OBLIGATION_WAIVED).getFirst().dataAs(io.windshift.contract.obligation.OccurrenceClosed.class)
                    .evidence()).isEqualTo("settled in the JSC of March");
        }
    }
}
