package io.windshift.obligation.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.finance.PaymentReported;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceState;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link FinanceLedger#applyAll}, the batch path (FinanceBatch): each payment gets the outcome it gets one by one, a
 * whole batch delivered again changes nothing, and a copy made stale by another writer between the batch's reads and its
 * writes neither loses that writer's payment nor applies the batch's twice.
 */
class FinanceBatchIT extends ObligationServiceIntegrationTest {

    @Autowired FinanceLedger ledger;
    @Autowired ObligationRegister register;
    @Autowired MongoTemplate mongo;

    private final String agreement = "AGR-" + UUID.randomUUID();

    @AfterEach
    void noRace() {
        ledger.afterBatchRead(null);
    }

    private String obligation(String amount, String po, String clause) throws Exception {
        return registerObligation("""
                {"allianceId":"al-%s","title":"Milestone","agreementId":"%s","clauseRef":"%s","category":"FINANCIAL",
                 "type":"MILESTONE_PAYMENT","direction":"OWED_TO_US","ownerId":"p-owner","amount":%s,"currency":"EUR","dueDate":"%s"%s}
                """.formatted(UUID.randomUUID(), agreement, clause, amount, clock.today().plusDays(40),
                po == null ? "" : ",\"references\":[{\"kind\":\"PURCHASE_ORDER\",\"value\":\"" + po + "\"}]"));
    }

    private CloudEvent received(String paymentId, String reference, String clause, String amount) {
        return event(EventType.FINANCE_PAYMENT_RECEIVED, paymentId, reference, clause, amount);
    }

    private CloudEvent event(EventType type, String paymentId, String reference, String clause, String amount) {
        PaymentReported data = new PaymentReported(paymentId, reference, null, null, clause == null ? null : agreement, null, clause,
                new BigDecimal(amount), "EUR", clock.instant());
        return CloudEvent.of("fin-" + UUID.randomUUID(), type, "/sap", null, clock.instant(), data, null);
    }

    private Occurrence first(String obligationId) {
        return register.occurrencesOf(register.get(obligationId)).getFirst();
    }

    private String reason(CloudEvent event) {
        UnmatchedFinanceEvent unmatched = mongo.findById(event.id(), UnmatchedFinanceEvent.class);
        return unmatched == null ? null : unmatched.reason();
    }

    private static long paidInvoices(Occurrence occurrence) {
        return occurrence.invoices().stream().filter(i -> i.status().equals("PAID")).count();
    }

    @Test
    void eachPaymentOfABatchGetsItsOutcomeAndTheWholeBatchAgainChangesNothing() throws Exception {
        String po1 = "PO-" + UUID.randomUUID();
        String po2 = "PO-" + UUID.randomUUID();
        String one = obligation("1000.00", po1, "7.1");
        String two = obligation("500.00", po2, "7.2");
        String three = obligation("300.00", null, "7.3");
        String pay = "pay-" + UUID.randomUUID();
        CloudEvent partial = received(pay + "-1", po1, null, "400");
        CloudEvent rest = received(pay + "-2", po1, null, "600");
        CloudEvent afterClosed = received(pay + "-3", po1, null, "10");
        CloudEvent samePaymentId = received(pay + "-2", po2, null, "500");
        CloudEvent byClause = received(pay + "-4", null, "7.3", "300");
        CloudEvent wrongDirection = event(EventType.FINANCE_PAYMENT_SENT, pay + "-5", po2, null, "500");
        CloudEvent unknown = received(pay + "-6", "PO-nobody-" + UUID.randomUUID(), null, "1");
        List<CloudEvent> batch = List.of(partial, rest, afterClosed, samePaymentId, byClause, wrongDirection, unknown, partial);

        ledger.applyAll(batch);

        assertThat(first(one).state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(first(one).paidAmount()).as("400 then 600 in the same batch, the repeated event once").isEqualByComparingTo("1000");
        assertThat(paidInvoices(first(one))).isEqualTo(2);
        assertThat(reason(partial)).isNull();
        assertThat(reason(rest)).isNull();
        assertThat(reason(afterClosed)).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(reason(samePaymentId)).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(mongo.findById(samePaymentId.id(), UnmatchedFinanceEvent.class).detail()).contains(rest.id());
        assertThat(first(two).paidAmount()).isEqualByComparingTo("0");
        assertThat(first(three).state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(reason(wrongDirection)).isEqualTo("DIRECTION_MISMATCH");
        assertThat(reason(unknown)).isEqualTo("UNKNOWN_REFERENCE");
        assertThat(register.get(one).status(clock.today()).name()).isEqualTo("FULFILLED");
        assertThat(register.get(three).status(clock.today()).name()).isEqualTo("FULFILLED");

        List<Long> versions = List.of(first(one).version(), first(two).version(), first(three).version());
        List<Long> obligationVersions = List.of(register.get(one).version(), register.get(two).version(), register.get(three).version());
        ledger.applyAll(batch);

        assertThat(List.of(first(one).version(), first(two).version(), first(three).version())).as("no occurrence written again").isEqualTo(versions);
        assertThat(List.of(register.get(one).version(), register.get(two).version(), register.get(three).version())).isEqualTo(obligationVersions);
        assertThat(first(one).paidAmount()).isEqualByComparingTo("1000");
        assertThat(paidInvoices(first(one))).isEqualTo(2);
        assertThat(first(three).paidAmount()).isEqualByComparingTo("300");
        assertThat(reason(samePaymentId)).isEqualTo("DUPLICATE_PAYMENT");
        assertThat(reason(partial)).isNull();
    }

    @Test
    void aCopyMadeStaleBetweenReadAndWriteLosesAndBothPaymentsCountOnce() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("1000.00", po, "8.1");
        String other = "PO-" + UUID.randomUUID();
        String untouched = obligation("200.00", other, "8.2");
        CloudEvent elsewhere = received("pay-" + UUID.randomUUID(), po, null, "300");
        CloudEvent mine = received("pay-" + UUID.randomUUID(), po, null, "700");
        CloudEvent beside = received("pay-" + UUID.randomUUID(), other, null, "200");
        // Another instance applies a payment to the same occurrence after this batch read it.
        ledger.afterBatchRead(() -> CompletableFuture.runAsync(() -> ledger.apply(elsewhere)).join());

        ledger.applyAll(List.of(mine, beside));

        Occurrence occurrence = first(id);
        assertThat(occurrence.paidAmount()).as("the other writer's 300 kept, this batch's 700 applied once").isEqualByComparingTo("1000");
        assertThat(occurrence.invoices()).extracting(i -> i.eventId()).containsExactlyInAnyOrder(elsewhere.id(), mine.id());
        assertThat(occurrence.state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(register.get(id).status(clock.today()).name()).isEqualTo("FULFILLED");
        assertThat(first(untouched).state()).as("the rest of the batch is stored in bulk").isEqualTo(OccurrenceState.FULFILLED);
        assertThat(reason(mine)).isNull();

        ledger.afterBatchRead(null);
        ledger.applyAll(List.of(mine, beside));
        assertThat(first(id).paidAmount()).isEqualByComparingTo("1000");
        assertThat(first(id).version()).isEqualTo(occurrence.version());
    }

    @Test
    void theSameEventAppliedElsewhereMeanwhileIsNotAppliedTwice() throws Exception {
        String po = "PO-" + UUID.randomUUID();
        String id = obligation("1000.00", po, "9.1");
        CloudEvent payment = received("pay-" + UUID.randomUUID(), po, null, "600");
        // The same event, redelivered to another instance, is applied there after this batch read the occurrence.
        ledger.afterBatchRead(() -> CompletableFuture.runAsync(() -> ledger.apply(payment)).join());

        ledger.applyAll(List.of(payment));

        Occurrence occurrence = first(id);
        assertThat(occurrence.paidAmount()).as("600 once, not 1,200").isEqualByComparingTo("600");
        assertThat(paidInvoices(occurrence)).isEqualTo(1);
        assertThat(occurrence.state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(reason(payment)).isNull();
    }
}
