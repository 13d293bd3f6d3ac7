package io.windshift.obligation.finance;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** An unmatched payment resolved by hand: linked to its occurrence, which closes, and off finance's list. */
class UnmatchedLinkIT extends ObligationServiceIntegrationTest {

    @Test
    void financeLinksAnUnmatchedPaymentToItsOccurrenceWhichClosesAndTheEventLeavesTheList() throws Exception {
        String obligation = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(40).toString(), "1000", "EUR"));
        String occurrence = JsonMapper.builder().build().readTree(mvc.perform(get("/api/v1/obligations/" + obligation).with(admin()))
                .andReturn().getResponse().getContentAsString()).get("occurrences").get(0).get("id").asString();
        String payment = "fin-" + UUID.randomUUID();
        String canceled = "fin-" + UUID.randomUUID();
        String now = clock.instant().toString();
        // What an ERP sends: its own reference, not Windshift's obligation id. Short of the full amount, too.
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(BATCH).content("[" + FinanceIT.paid(payment,
                        "PO-4711", "800", "EUR", now) + "," + """
                {"specversion":"1.0","id":"%s","source":"/sap","type":"finance.invoice.canceled",
                 "data":{"invoiceId":"INV-1","obligationId":"PO-4711","reason":"dup","canceledAt":"%s"}}]""".formatted(canceled, now)))
                .andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(payment)).value(hasItem("UNKNOWN_OBLIGATION")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(canceled)).value(hasItem("UNKNOWN_OBLIGATION"))));

        String link = "{\"obligationId\":\"%s\",\"occurrenceId\":\"%s\"}".formatted(obligation, occurrence);
        // Who may not, and bad input: nothing changes.
        mvc.perform(post("/api/v1/finance/unmatched/" + payment + "/link").with(person("p-am", "ALLIANCE_MANAGER"))
                .contentType(MediaType.APPLICATION_JSON).content(link)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/finance/unmatched/" + payment + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"obligationId\":\"" + obligation + "\",\"occurrenceId\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("occurrenceId"));
        mvc.perform(post("/api/v1/finance/unmatched/fin-nope/link").with(person("p-cfo", "FINANCE"))
                .contentType(MediaType.APPLICATION_JSON).content(link)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/finance/unmatched/" + payment + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"obligationId\":\"" + obligation + "\",\"occurrenceId\":\"oc-nope\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/finance/unmatched/" + canceled + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content(link))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("only a payment")));
        mvc.perform(get("/api/v1/obligations/" + obligation).with(admin())).andExpect(jsonPath("$.occurrences[0].status").value("OPEN"));

        // Linked with close: the payment is recorded and the occurrence closes, though 200 short; linking again changes nothing.
        String closing = link.replace("}", ",\"close\":true}");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/v1/finance/unmatched/" + payment + "/link").with(person("p-cfo", "FINANCE"))
                            .contentType(MediaType.APPLICATION_JSON).content(closing))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.occurrenceState").value("FULFILLED"))
                    .andExpect(jsonPath("$.paidAmount").value(800));
        }
        mvc.perform(get("/api/v1/obligations/" + obligation).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED"))
                .andExpect(jsonPath("$.occurrences[0].invoices[0].invoiceId").value("INV-" + payment))
                .andExpect(jsonPath("$.occurrences[0].evidence").value(org.hamcrest.Matchers.containsString("linked by hand by p-cfo")))
                .andExpect(jsonPath("$.occurrences[0].evidence").value(org.hamcrest.Matchers.containsString("200 not paid")));
        mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')]".formatted(payment), empty()))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(canceled)).value(hasItem("UNKNOWN_OBLIGATION")));
        // The occurrence is closed: another payment cannot be linked to it.
        String second = "fin-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT)
                .content(FinanceIT.paid(second, "PO-4712", "200", "EUR", now))).andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(second)).value(hasItem("UNKNOWN_OBLIGATION"))));
        mvc.perform(post("/api/v1/finance/unmatched/" + second + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content(link))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("already FULFILLED")));
    }

    @Test
    void aPartialPaymentLinkedByHandLeavesTheRestOutstandingAndTheNextOneClosesIt() throws Exception {
        String obligation = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(40).toString(), "1000", "EUR"));
        String occurrence = obligation + "-1";
        String first = "fin-" + UUID.randomUUID();
        String second = "fin-" + UUID.randomUUID();
        String now = clock.instant().toString();
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(BATCH).content("["
                + FinanceIT.paid(first, "ERP-1", "300", "EUR", now) + "," + FinanceIT.paid(second, "ERP-2", "750", "EUR", now) + "]"))
                .andExpect(status().isAccepted());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(second)).value(hasItem("UNKNOWN_OBLIGATION"))));
        String link = "{\"obligationId\":\"%s\",\"occurrenceId\":\"%s\"}".formatted(obligation, occurrence);
        mvc.perform(post("/api/v1/finance/unmatched/" + first + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content(link))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.occurrenceState").value("OPEN"))
                .andExpect(jsonPath("$.outstandingAmount").value(700));
        mvc.perform(post("/api/v1/finance/unmatched/" + second + "/link").with(person("p-cfo", "FINANCE"))
                        .contentType(MediaType.APPLICATION_JSON).content(link))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.occurrenceState").value("FULFILLED"))
                .andExpect(jsonPath("$.paidAmount").value(1050))
                .andExpect(jsonPath("$.excessAmount").value(50));
    }
}
