package io.windshift.obligation.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Finance events through the HTTP API and the broker: matched, partial, early, and every bad case kept. */
class FinanceIT extends ObligationServiceIntegrationTest {

    @Autowired MeterRegistry meters;

    static String paid(String id, String obligationId, String amount, String currency, String paidAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"/sap","type":"finance.invoice.paid",
                 "data":{"invoiceId":"INV-%s","obligationId":"%s","amount":%s,"currency":"%s","paidAt":"%s"}}
                """.formatted(id, id, obligationId, amount, currency, paidAt);
    }

    String postFinance(String body, MediaType type) throws Exception {
        return mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(type).content(body))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void anEarlyFullPaymentFulfilsTheMilestoneOnceEvenIfPostedTwice() throws Exception {
        String due = clock.today().plusDays(60).toString();
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", due, "5000000.00", "EUR"));
        String eventId = "fin-" + UUID.randomUUID();
        String body = paid(eventId, id, "5000000.00", "EUR", clock.instant().toString());
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.OBLIGATION)) {
            mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content(body))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.accepted", contains(eventId)));
            await().atMost(Duration.ofSeconds(15)).until(() -> eventsOf(probe, id, EventType.OBLIGATION_FULFILLED).size() == 1);
            OccurrenceClosed closed = eventsOf(probe, id, EventType.OBLIGATION_FULFILLED).getFirst().dataAs(OccurrenceClosed.class);
            assertThat(closed.timeliness()).isEqualTo("EARLY");
            assertThat(closed.amountPaid()).isEqualByComparingTo("5000000");
            assertThat(closed.sourceEventId()).isEqualTo(eventId);

            double duplicates = duplicates();
            postFinance(body, CLOUDEVENT);
            await().atMost(Duration.ofSeconds(10)).until(() -> duplicates() > duplicates);
            assertThat(eventsOf(probe, id, EventType.OBLIGATION_FULFILLED)).hasSize(1);
        }
        mvc.perform(get("/api/v1/obligations/" + id).with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED"))
                .andExpect(jsonPath("$.occurrences[0].timeliness").value("EARLY"))
                .andExpect(jsonPath("$.occurrences[0].invoices[0].invoiceId").value("INV-" + eventId));
    }

    @Test
    void aPartialPaymentIsVisibleAndTheRestClosesIt() throws Exception {
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(5).toString(), "1000", "USD"));
        String later = clock.today().plusDays(9).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString();
        postFinance("[" + paid("fin-" + UUID.randomUUID(), id, "400", "USD", clock.instant().toString()) + "]", BATCH);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].paidAmount").value(400))
                .andExpect(jsonPath("$.occurrences[0].status").value("DUE_SOON")));
        postFinance(paid("fin-" + UUID.randomUUID(), id, "600", "usd", later), CLOUDEVENT);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED"))
                .andExpect(jsonPath("$.occurrences[0].timeliness").value("LATE")));
    }

    @Test
    void eventsThatFitNoObligationAreKeptWithTheirReasonForFinance() throws Exception {
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(60).toString(), "1000", "EUR"));
        String report = registerObligation("""
                {"allianceId":"al-x","title":"Annual report","agreementId":"A","clauseRef":"9","category":"REPORTING","type":"ANNUAL_REPORT",
                 "direction":"OWED_BY_US","ownerId":"p-owner","dueDate":"%s"}
                """.formatted(clock.today().plusDays(30)));
        String unknown = "fin-" + UUID.randomUUID();
        String currency = "fin-" + UUID.randomUUID();
        String tooMuch = "fin-" + UUID.randomUUID();
        String notPayment = "fin-" + UUID.randomUUID();
        String neverApproved = "fin-" + UUID.randomUUID();
        String now = clock.instant().toString();
        postFinance("[" + String.join(",", paid(unknown, "ob-nope-" + UUID.randomUUID(), "1", "EUR", now), paid(currency, id, "1000", "USD", now),
                paid(tooMuch, id, "1000", "EUR", now).replace("\"paidAt\"", "\"direction\":\"OWED_BY_US\",\"paidAt\""), paid(notPayment, report, "5", "EUR", now),
                """
                {"specversion":"1.0","id":"%s","source":"/sap","type":"finance.invoice.canceled",
                 "data":{"invoiceId":"INV-404","obligationId":"%s","reason":"dup","canceledAt":"%s"}}
                """.formatted(neverApproved, id, now)) + "]", BATCH);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(unknown)).value(hasItem("UNKNOWN_OBLIGATION")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(currency)).value(hasItem("CURRENCY_MISMATCH")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(tooMuch)).value(hasItem("DIRECTION_MISMATCH")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(notPayment)).value(hasItem("NOT_A_PAYMENT_OBLIGATION")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(neverApproved)).value(hasItem("UNKNOWN_INVOICE"))));
        mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("OPEN"))
                .andExpect(jsonPath("$.occurrences[0].paidAmount").value(0));
        mvc.perform(get("/api/v1/finance/unmatched").with(person("p-am", "ALLIANCE_MANAGER"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/finance/unmatched").with(client("sap", "finance.events:write"))).andExpect(status().isForbidden());
    }

    @Test
    void anApprovedInvoiceIsRecordedAndItsPaymentClosesTheOccurrenceItWasApprovedFor() throws Exception {
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(30).toString(), "70", "EUR"));
        String now = clock.instant().toString();
        postFinance("""
                {"specversion":"1.0","id":"fin-%s","source":"/sap","type":"finance.invoice.approved",
                 "data":{"invoiceId":"INV-A1","obligationId":"%s","amount":70,"currency":"EUR","approvedAt":"%s"}}
                """.formatted(UUID.randomUUID(), id, now), CLOUDEVENT);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].invoices[0].status").value("APPROVED")));
        postFinance("""
                {"specversion":"1.0","id":"fin-%s","source":"/sap","type":"finance.invoice.paid",
                 "data":{"invoiceId":"INV-A1","obligationId":"%s","amount":70,"currency":"EUR","paidAt":"%s"}}
                """.formatted(UUID.randomUUID(), id, now), CLOUDEVENT);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED")));
    }

    @Test
    void invalidFinanceEventsAreRefusedAtTheEdgeAndNothingIsPublished() throws Exception {
        String goodId = "fin-" + UUID.randomUUID();
        String badId = "fin-" + UUID.randomUUID();
        String batch = "[" + paid(goodId, "ob-1", "1", "EUR", clock.instant().toString()) + ","
                + paid(badId, "ob-1", "-1", "EUR", clock.instant().toString()) + "]";
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(BATCH).content(batch))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("[1].data.amount"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT)
                        .content(paid("fin-" + UUID.randomUUID(), "ob-1", "1", "EUR", "x").replace("finance.invoice.paid", "hr.worker.terminated")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content("{\"id\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT)
                        .content(paid("fin-" + UUID.randomUUID(), "ob-1", "1", "EUR", "yesterday")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("data.paidAt"));
        // Only finance integration clients may post.
        String body = paid("fin-" + UUID.randomUUID(), "ob-1", "1", "EUR", clock.instant().toString());
        mvc.perform(post("/api/v1/finance/events").contentType(CLOUDEVENT).content(body)).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/finance/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/finance/events").with(person("p-cfo", "FINANCE")).contentType(CLOUDEVENT).content(body))
                .andExpect(status().isForbidden());

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.FINANCE)) {
            String marker = "fin-" + UUID.randomUUID();
            postFinance(paid(marker, "ob-marker", "1", "EUR", clock.instant().toString()), CLOUDEVENT);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream().anyMatch(r -> marker.equals(TopicProbe.header(r, "ce_id"))));
            assertThat(probe.records()).noneMatch(r -> List.of(goodId, badId).contains(TopicProbe.header(r, "ce_id")));
            assertThat(probe.records().stream().filter(r -> marker.equals(TopicProbe.header(r, "ce_id"))).findFirst().orElseThrow().key())
                    .isEqualTo("ob-marker");
        }
    }

    @Test
    void anErpReceiptByPurchaseOrderThroughTheBrokerRedeliveredOrRepeatedChangesNothingMore() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = registerObligation(milestonePayment("al-" + UUID.randomUUID(), "p-owner", clock.today().plusDays(20).toString(), "1000", "EUR")
                .replace("\"dueDate\"", "\"references\":[{\"kind\":\"PURCHASE_ORDER\",\"value\":\"" + po + "\"}],\"dueDate\""));
        String paymentId = "pay-" + UUID.randomUUID();
        String eventId = "fin-" + UUID.randomUUID();
        String receipt = """
                {"specversion":"1.0","id":"%s","source":"/sap","type":"finance.payment.received",
                 "data":{"paymentId":"%s","reference":"%s","amount":600.00,"currency":"EUR","paidAt":"%s"}}
                """;
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.FINANCE)) {
            postFinance(receipt.formatted(eventId, paymentId, po, clock.instant()), CLOUDEVENT);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                    .andExpect(jsonPath("$.occurrences[0].paidAmount").value(600))
                    .andExpect(jsonPath("$.occurrences[0].outstandingAmount").value(400))
                    .andExpect(jsonPath("$.occurrences[0].billing").value("PARTIALLY_PAID")));
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().stream().anyMatch(r -> eventId.equals(TopicProbe.header(r, "ce_id"))));
            assertThat(probe.records().stream().filter(r -> eventId.equals(TopicProbe.header(r, "ce_id"))).findFirst().orElseThrow().key())
                    .isEqualTo(po);
        }
        // Redelivered (the same record again on the topic), and the ERP sending the same payment under a new event id.
        double duplicates = duplicates();
        publish(Topics.FINANCE, po, io.windshift.contract.EventJson.read(receipt.formatted(eventId, paymentId, po, clock.instant())));
        String repeat = "fin-" + UUID.randomUUID();
        postFinance(receipt.formatted(repeat, paymentId, po, clock.instant()), CLOUDEVENT);
        await().atMost(Duration.ofSeconds(15)).until(() -> duplicates() > duplicates);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/finance/unmatched").with(person("p-cfo", "FINANCE")))
                .andExpect(jsonPath("$[?(@.eventId=='%s')].reason".formatted(repeat)).value(hasItem("DUPLICATE_PAYMENT"))));
        mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].paidAmount").value(600))
                .andExpect(jsonPath("$.occurrences[0].status").value("DUE_SOON"));
        // The rest, by another payment: fulfilled.
        postFinance(receipt.formatted("fin-" + UUID.randomUUID(), "pay-" + UUID.randomUUID(), po, clock.instant()).replace("600.00", "400.00"),
                CLOUDEVENT);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> mvc.perform(get("/api/v1/obligations/" + id).with(admin()))
                .andExpect(jsonPath("$.occurrences[0].status").value("FULFILLED"))
                .andExpect(jsonPath("$.occurrences[0].billing").value("PAID")));
    }

    @Test
    void financeEventsThatNameNothingToSettleOrABadDirectionAreRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content("""
                        {"specversion":"1.0","id":"fin-x1","source":"/sap","type":"finance.payment.received",
                         "data":{"paymentId":"p-1","amount":5,"currency":"EUR","paidAt":"2027-01-04T08:00:00Z","agreementId":"AGR-7"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("data.reference"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content("""
                        {"specversion":"1.0","id":"fin-x2","source":"/sap","type":"finance.payment.sent",
                         "data":{"reference":"PO-1","amount":5,"currency":"EUR","paidAt":"2027-01-04T08:00:00Z"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("data.paymentId"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT)
                        .content(paid("fin-x3", "ob-1", "1", "EUR", clock.instant().toString()).replace("\"paidAt\"", "\"direction\":\"IN\",\"paidAt\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("data.direction"));
        mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(CLOUDEVENT).content("""
                        {"specversion":"1.0","id":"fin-x4","source":"/sap","type":"finance.payment.received",
                         "data":{"paymentId":"p-1","reference":"PO-1","amount":"lots","currency":"EUR","paidAt":"2027-01-04T08:00:00Z"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("data.amount"));
    }

    private double duplicates() {
        var counter = meters.find("windshift.events.consumed").tag("consumer", "obligation-service.finance").tag("outcome", "duplicate").counter();
        return counter == null ? 0 : counter.count();
    }
}
