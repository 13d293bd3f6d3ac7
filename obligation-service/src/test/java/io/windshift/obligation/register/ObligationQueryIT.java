package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Obligations by person for a handover: filtered, counted and paged by the store, scoped by role. */
class ObligationQueryIT extends ObligationServiceIntegrationTest {

    String report(String allianceId, String owner, LocalDate due) throws Exception {
        // A millisecond apart: the list is oldest first.
        clock.advance(Duration.ofMillis(1));
        return registerObligation("""
                {"allianceId":"%s","title":"Annual diligence report","agreementId":"AGR-7","clauseRef":"5.4","category":"DILIGENCE",
                 "type":"DILIGENCE","direction":"OWED_BY_US","ownerId":"%s","dueDate":"%s"}
                """.formatted(allianceId, owner, due));
    }

    MockHttpServletRequestBuilder list(RequestPostProcessor caller, String... params) {
        MockHttpServletRequestBuilder request = get("/api/v1/obligations").with(caller);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }

    List<String> ids(RequestPostProcessor caller, String... params) throws Exception {
        String body = mvc.perform(list(caller, params)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.items[*].id");
    }

    @Test
    void aPersonsObligationsByStatusAndDueDatePagedAndScoped() throws Exception {
        String owner = "p-leaving-" + UUID.randomUUID();
        String other = "p-other-" + UUID.randomUUID();
        String sponsor = "p-sponsor-" + UUID.randomUUID();
        String allianceId = allianceWithTeam(new TeamMember("EXECUTIVE_SPONSOR", sponsor));
        String elsewhere = "al-" + UUID.randomUUID();
        LocalDate today = clock.today();

        String open = report(allianceId, owner, today.plusDays(100));
        String dueSoon = report(allianceId, owner, today.plusDays(5));
        String overdue = report(allianceId, owner, today.minusDays(2));
        String disputed = report(elsewhere, owner, today.plusDays(50));
        String fulfilled = report(elsewhere, owner, today.plusDays(200));
        clock.advance(Duration.ofMillis(1));
        String payment = registerObligation(milestonePayment(elsewhere, owner, today.plusDays(40).toString(), "10", "EUR"));
        String othersOwn = report(allianceId, other, today.plusDays(10));
        String othersElsewhere = report(elsewhere, other, today.plusDays(10));
        mvc.perform(post("/api/v1/obligations/" + disputed + "/occurrences/" + disputed + "-1/dispute").with(person(owner, "EMPLOYEE"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"partner disputes the data package\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("IN_DISPUTE"));
        mvc.perform(post("/api/v1/obligations/" + fulfilled + "/occurrences/" + fulfilled + "-1/fulfil").with(person(owner, "EMPLOYEE"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"evidence\":\"report sent\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FULFILLED"))
                .andExpect(jsonPath("$.nextDueDate").doesNotExist());
        List<String> owned = List.of(open, dueSoon, overdue, disputed, fulfilled, payment);

        // Everything one person owns, across alliances, page by page: each once, the total on every page.
        mvc.perform(list(admin(), "ownerId", owner, "size", "4"))
                .andExpect(jsonPath("$.total").value(6))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(4))
                .andExpect(jsonPath("$.items", hasSize(4)));
        mvc.perform(list(admin(), "ownerId", owner, "size", "4", "page", "1"))
                .andExpect(jsonPath("$.total").value(6))
                .andExpect(jsonPath("$.items", hasSize(2)));
        mvc.perform(list(admin(), "ownerId", owner, "size", "4", "page", "2"))
                .andExpect(jsonPath("$.total").value(6))
                .andExpect(jsonPath("$.items", hasSize(0)));
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            paged.addAll(ids(admin(), "ownerId", owner, "size", "2", "page", Integer.toString(page)));
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(owned).doesNotHaveDuplicates();
        // Oldest first: the order of registration.
        assertThat(paged).containsExactlyElementsOf(owned);

        // By status, as the current occurrence has it (DUE_SOON within the longest lead time, 30 days).
        assertThat(ids(admin(), "ownerId", owner, "status", "OPEN")).containsExactly(open, payment);
        assertThat(ids(admin(), "ownerId", owner, "status", "due_soon")).containsExactly(dueSoon);
        assertThat(ids(admin(), "ownerId", owner, "status", "OVERDUE")).containsExactly(overdue);
        assertThat(ids(admin(), "ownerId", owner, "status", "IN_DISPUTE")).containsExactly(disputed);
        assertThat(ids(admin(), "ownerId", owner, "status", "FULFILLED")).containsExactly(fulfilled);
        assertThat(ids(admin(), "ownerId", owner, "status", "WAIVED")).isEmpty();
        // With the owner filter and the alliance filter together:
        assertThat(ids(admin(), "ownerId", owner, "allianceId", allianceId, "status", "OPEN")).containsExactly(open);
        mvc.perform(list(admin(), "ownerId", owner, "status", "OPEN", "allianceId", elsewhere))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(payment))
                .andExpect(jsonPath("$.items[0].status").value("OPEN"));

        // A next due date on or before the day: closed obligations have none.
        assertThat(ids(admin(), "ownerId", owner, "dueBefore", today.plusDays(50).toString()))
                .containsExactly(dueSoon, overdue, disputed, payment);
        assertThat(ids(admin(), "ownerId", owner, "dueBefore", today.plusDays(5).toString(), "status", "DUE_SOON")).containsExactly(dueSoon);
        assertThat(ids(admin(), "ownerId", owner, "dueBefore", today.plusDays(4).toString())).containsExactly(overdue);

        // Who may see what, exactly as for one obligation: the sponsor sees the alliance's, finance the payment,
        // the other owner only their own here, a stranger nothing; the owner everything they own.
        mvc.perform(list(person(sponsor, "EXECUTIVE_SPONSOR"), "ownerId", owner))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(open, dueSoon, overdue)));
        mvc.perform(list(person(sponsor, "EXECUTIVE_SPONSOR")))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(open, dueSoon, overdue, othersOwn)));
        mvc.perform(list(person("p-cfo-" + UUID.randomUUID(), "FINANCE"), "ownerId", owner))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(payment));
        mvc.perform(list(person(other, "EMPLOYEE"), "ownerId", owner)).andExpect(jsonPath("$.total").value(0));
        mvc.perform(list(person(other, "EMPLOYEE")))
                .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(othersOwn, othersElsewhere)));
        mvc.perform(list(person("p-stranger-" + UUID.randomUUID(), "ALLIANCE_MANAGER"), "ownerId", owner, "status", "OPEN"))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(list(person(owner, "EMPLOYEE"), "ownerId", owner)).andExpect(jsonPath("$.total").value(6));
        mvc.perform(list(person("p-head", "HEAD_OF_ALLIANCE_MANAGEMENT"), "ownerId", owner, "status", "OVERDUE"))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(list(client("sap", "finance.events:write"), "ownerId", owner)).andExpect(status().isForbidden());
    }

    @Test
    void badFiltersAreRefusedNamingTheField() throws Exception {
        mvc.perform(list(admin(), "status", "LATE"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(list(admin(), "dueBefore", "2027-02-30"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("dueBefore"));
        mvc.perform(list(admin(), "page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(list(admin(), "size", "201"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(list(admin(), "page", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }
}
