package io.windshift.obligation.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.finance.InvoiceApproved;
import io.windshift.contract.finance.InvoiceCanceled;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.contract.finance.PaymentReported;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceState;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/**
 * The matching rules, applied straight to the ledger (no broker in between, so each outcome is read right after): by
 * reference, by invoice, by agreement + milestone or clause + currency, direction, partial, over- and duplicate payments,
 * approval and cancellation, and every reason an event is kept unmatched.
 */
class FinanceMatchingRulesIT extends ObligationServiceIntegrationTest {

    @Autowired FinanceLedger ledger;
    @Autowired ObligationRegister register;
    @Autowired MongoTemplate mongo;

    private final String agreement = "AGR-" + UUID.randomUUID();

    private String obligation(String direction, String amount, String currency, String extra) throws Exception {
        return registerObligation("""
                {"allianceId":"al-%s","title":"Milestone","agreementId":"%s","clauseRef":"7.2(b)","category":"FINANCIAL",
                 "type":"MILESTONE_PAYMENT","direction":"%s","ownerId":"p-owner","amount":%s,"currency":"%s","dueDate":"%s"%s}
                """.formatted(UUID.randomUUID(), agreement, direction, amount, currency, clock.today().plusDays(40), extra));
    }

    private String event(EventType type, Object data) {
        String id = "fin-" + UUID.randomUUID();
        ledger.apply(CloudEvent.of(id, type, "/sap", null, clock.instant(), data, null));
        return id;
    }

    private PaymentReported payment(String paymentId, String reference, String amount, String currency) {
        return new PaymentReported(paymentId, reference, null, null, null, null, null, new BigDecimal(amount), currency, clock.instant());
    }

    private Occurrence first(String obligationId) {
        return register.occurrencesOf(register.get(obligationId)).getFirst();
    }

    private String reason(String eventId) {
        UnmatchedFinanceEvent unmatched = mongo.findById(eventId, UnmatchedFinanceEvent.class);
        return unmatched == null ? null : unmatched.reason();
    }

    @Test
    void aReceiptMatchesByThePurchaseOrderRecordedAtRegistrationPartialThenOver() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("OWED_TO_US", "1000.00", "EUR", ",\"references\":[{\"kind\":\"PURCHASE_ORDER\",\"value\":\"" + po + "\"}]");
        String partial = event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), " " + po.toLowerCase() + " ", "400", "EUR"));
        assertThat(reason(partial)).isNull();
        assertThat(first(id).state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(first(id).outstandingAmount()).isEqualByComparingTo("600");
        event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), po, "650.25", "EUR"));
        assertThat(first(id).state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(first(id).excessAmount()).isEqualByComparingTo("50.25");
        // A third payment for the closed occurrence: kept as a duplicate, nothing changes.
        String third = event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), po, "1", "EUR"));
        assertThat(reason(third)).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(first(id).paidAmount()).isEqualByComparingTo("1050.25");
    }

    @Test
    void theSamePaymentIdTwiceIsADuplicateAndChangesNothing() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("OWED_TO_US", "1000.00", "EUR", ",\"references\":[{\"value\":\"" + po + "\"}]");
        String paymentId = "pay-" + UUID.randomUUID();
        event(EventType.FINANCE_PAYMENT_RECEIVED, payment(paymentId, po, "300", "EUR"));
        String again = event(EventType.FINANCE_PAYMENT_RECEIVED, payment(paymentId, po, "300", "EUR"));
        assertThat(reason(again)).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(first(id).paidAmount()).isEqualByComparingTo("300");
        assertThat(first(id).state()).isEqualTo(OccurrenceState.OPEN);
    }

    @Test
    void aDirectionThatContradictsTheObligationIsUnmatched() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("OWED_TO_US", "1000.00", "EUR", ",\"references\":[{\"value\":\"" + po + "\"}]");
        String sent = event(EventType.FINANCE_PAYMENT_SENT, payment("pay-" + UUID.randomUUID(), po, "1000", "EUR"));
        assertThat(reason(sent)).isEqualTo("DIRECTION_MISMATCH");
        String invoice = event(EventType.FINANCE_INVOICE_PAID, new InvoicePaid("INV-9", id, new BigDecimal("1000"), "EUR", clock.instant(),
                null, null, null, null, null, "OWED_BY_US"));
        assertThat(reason(invoice)).isEqualTo("DIRECTION_MISMATCH");
        assertThat(first(id).paidAmount()).isEqualByComparingTo("0");
    }

    @Test
    void aPaymentOutMatchesByAgreementAndClauseInItsCurrency() throws Exception {
        String usd = obligation("OWED_BY_US", "500.00", "USD", "");
        String eur = obligation("OWED_BY_US", "700.00", "EUR", "");
        PaymentReported byClause = new PaymentReported("pay-" + UUID.randomUUID(), null, null, null, agreement, null, "7.2(B)",
                new BigDecimal("700.00"), "EUR", clock.instant());
        assertThat(reason(event(EventType.FINANCE_PAYMENT_SENT, byClause))).isNull();
        assertThat(first(eur).state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(first(usd).state()).isEqualTo(OccurrenceState.OPEN);
        PaymentReported inChf = new PaymentReported("pay-" + UUID.randomUUID(), null, null, null, agreement, null, "7.2(b)",
                new BigDecimal("1"), "CHF", clock.instant());
        assertThat(reason(event(EventType.FINANCE_PAYMENT_SENT, inChf))).isEqualTo("CURRENCY_MISMATCH");
        obligation("OWED_BY_US", "900.00", "USD", "");
        PaymentReported twoInUsd = new PaymentReported("pay-" + UUID.randomUUID(), null, null, null, agreement, null, "7.2(b)",
                new BigDecimal("500"), "USD", clock.instant());
        assertThat(reason(event(EventType.FINANCE_PAYMENT_SENT, twoInUsd))).isEqualTo("AMBIGUOUS_MATCH");
        assertThat(first(usd).paidAmount()).isEqualByComparingTo("0");
    }

    @Test
    void aTriggeredObligationMatchesByAgreementAndMilestone() throws Exception {
        String id = registerObligation("""
                {"allianceId":"al-x","title":"Phase 3 start","agreementId":"%s","clauseRef":"9.1","category":"FINANCIAL",
                 "type":"MILESTONE_PAYMENT","direction":"OWED_TO_US","ownerId":"p-owner","amount":250,"currency":"EUR",
                 "trigger":{"milestone":"First patient dosed in Phase 3","dueDaysAfter":30}}
                """.formatted(agreement));
        PaymentReported byMilestone = new PaymentReported("pay-" + UUID.randomUUID(), null, null, null, agreement,
                "first patient dosed in phase 3", null, new BigDecimal("250"), "EUR", clock.instant());
        assertThat(reason(event(EventType.FINANCE_PAYMENT_RECEIVED, byMilestone))).isNull();
        assertThat(first(id).state()).isEqualTo(OccurrenceState.FULFILLED);
    }

    @Test
    void anApprovedInvoiceChangesTheBillingStateAndItsPaymentMatchesByTheInvoiceIdAlone() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String invoice = "INV-" + UUID.randomUUID();
        String id = obligation("OWED_TO_US", "1000.00", "EUR", ",\"references\":[{\"value\":\"" + po + "\"}]");
        event(EventType.FINANCE_INVOICE_APPROVED, new InvoiceApproved(invoice, null, new BigDecimal("1000"), "EUR", clock.instant(), po,
                null, null, null, null));
        assertThat(first(id).billing()).isEqualTo("INVOICE_APPROVED");
        event(EventType.FINANCE_INVOICE_CANCELED, new InvoiceCanceled(invoice, null, "wrong VAT", clock.instant()));
        assertThat(first(id).billing()).isEqualTo("INVOICE_CANCELED");
        String second = "INV-" + UUID.randomUUID();
        event(EventType.FINANCE_INVOICE_APPROVED, new InvoiceApproved(second, null, new BigDecimal("1000"), "EUR", clock.instant(), po,
                null, null, null, null));
        String paid = event(EventType.FINANCE_INVOICE_PAID, new InvoicePaid(second, null, new BigDecimal("1000"), "EUR", clock.instant()));
        assertThat(reason(paid)).isNull();
        assertThat(first(id).state()).isEqualTo(OccurrenceState.FULFILLED);
        String lateCancel = event(EventType.FINANCE_INVOICE_CANCELED, new InvoiceCanceled(second, null, "too late", clock.instant()));
        assertThat(reason(lateCancel)).isEqualTo("INVOICE_ALREADY_PAID");
        assertThat(first(id).state()).isEqualTo(OccurrenceState.FULFILLED);
    }

    @Test
    void unknownReferencesAndNonPaymentsAreKeptWithTheirReason() throws Exception {
        assertThat(reason(event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), "PO-nobody", "1", "EUR"))))
                .isEqualTo("UNKNOWN_REFERENCE");
        String ref = "REP-" + UUID.randomUUID();
        registerObligation("""
                {"allianceId":"al-x","title":"Annual report","agreementId":"A","clauseRef":"9","category":"REPORTING","type":"ANNUAL_REPORT",
                 "direction":"OWED_TO_US","ownerId":"p-owner","dueDate":"%s","references":[{"value":"%s"}]}
                """.formatted(clock.today().plusDays(30), ref));
        assertThat(reason(event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), ref, "1", "EUR"))))
                .isEqualTo("NOT_A_PAYMENT_OBLIGATION");
    }

    @Test
    void aReferenceAddedLaterForOneOccurrenceMatchesThatOccurrence() throws Exception {
        String id = registerObligation("""
                {"allianceId":"al-x","title":"Royalties","agreementId":"%s","clauseRef":"5","category":"FINANCIAL","type":"ROYALTY_PAYMENT",
                 "direction":"OWED_TO_US","ownerId":"p-owner","amount":100,"currency":"EUR",
                 "recurrence":{"frequency":"QUARTERLY","firstDueDate":"%s","until":"%s"}}
                """.formatted(agreement, clock.today().plusDays(10), clock.today().plusDays(400)));
        String ref = "Q2-" + UUID.randomUUID();
        mvc.perform(post("/api/v1/obligations/" + id + "/references").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INVOICE\",\"value\":\"" + ref + "\",\"occurrenceId\":\"" + id + "-2\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.references[0].occurrenceId").value(id + "-2"));
        event(EventType.FINANCE_PAYMENT_RECEIVED, payment("pay-" + UUID.randomUUID(), ref, "100", "EUR"));
        var occurrences = register.occurrencesOf(register.get(id));
        assertThat(occurrences.get(0).state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(occurrences.get(1).state()).isEqualTo(OccurrenceState.FULFILLED);
    }

    @Test
    void badReferenceInputIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("OWED_TO_US", "10", "EUR", ",\"references\":[{\"value\":\"" + po + "\"}]");
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"allianceId":"al-x","title":"Other","agreementId":"A","clauseRef":"1","category":"FINANCIAL","type":"MILESTONE_PAYMENT",
                         "direction":"OWED_TO_US","ownerId":"p-owner","amount":5,"currency":"EUR","dueDate":"%s","references":[{"value":"%s"}]}
                        """.formatted(clock.today().plusDays(5), po)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("references[0].value"));
        mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"allianceId":"al-x","title":"Other","agreementId":"A","clauseRef":"1","category":"FINANCIAL","type":"MILESTONE_PAYMENT",
                         "direction":"OWED_TO_US","ownerId":"p-owner","amount":5,"currency":"EUR","dueDate":"%s","references":[{"value":"a"},{"value":" A"}]}
                        """.formatted(clock.today().plusDays(5))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("references[1].value"));
        String other = obligation("OWED_TO_US", "10", "EUR", "");
        mvc.perform(post("/api/v1/obligations/" + other + "/references").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"" + po + "\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/obligations/" + other + "/references").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("value"));
        mvc.perform(post("/api/v1/obligations/" + other + "/references").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"value\":\"X-1\",\"occurrenceId\":\"oc-nope\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/obligations/" + other + "/references").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"BANANA\",\"value\":\"X-1\"}"))
                .andExpect(status().isBadRequest());
        assertThat(register.get(other).references()).isEmpty();
        assertThat(register.get(id).references()).hasSize(1);
    }
}
