package io.windshift.obligation.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The amount rules on one occurrence: partial, complete, over-payment, and the billing state invoices give it. */
class OccurrencePaymentTest {

    static final Instant NOW = Instant.parse("2027-01-04T08:00:00Z");

    private static Obligation.Registration milestone() {
        return OccurrenceTest.milestone(Schedule.once(LocalDate.parse("2027-03-01")), NOW);
    }

    @Test
    void aPartialPaymentKeepsItOpenWithTheRestOutstanding() {
        var r = milestone();
        Occurrence oc = r.occurrences().getFirst();
        assertThat(oc.paid(r.obligation(), "INV-1", new BigDecimal("2000000.00"), NOW, "e-1", NOW)).isEmpty();
        assertThat(oc.state()).isEqualTo(OccurrenceState.OPEN);
        assertThat(oc.outstandingAmount()).isEqualByComparingTo("3000000");
        assertThat(oc.billing()).isEqualTo("PARTIALLY_PAID");
        assertThat(oc.paid(r.obligation(), "INV-2", new BigDecimal("3000000.00"), NOW, "e-2", NOW)).isPresent();
        assertThat(oc.state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(oc.outstandingAmount()).isEqualByComparingTo("0");
        assertThat(oc.excessAmount()).isNull();
        assertThat(oc.billing()).isEqualTo("PAID");
    }

    @Test
    void anOverPaymentClosesItAndKeepsTheExcessAsAFinding() {
        var r = milestone();
        Occurrence oc = r.occurrences().getFirst();
        assertThat(oc.paid(r.obligation(), "INV-1", new BigDecimal("5000250.50"), NOW, "e-1", NOW)).isPresent();
        assertThat(oc.state()).isEqualTo(OccurrenceState.FULFILLED);
        assertThat(oc.excessAmount()).isEqualByComparingTo("250.50");
        assertThat(oc.billing()).isEqualTo("OVERPAID");
        assertThat(oc.history()).anyMatch(h -> h.action().equals("OVERPAID") && h.detail().contains("250.50 EUR"));
    }

    @Test
    void approvedAndCanceledInvoicesChangeTheBillingState() {
        var r = milestone();
        Occurrence oc = r.occurrences().getFirst();
        assertThat(oc.billing()).isEqualTo("NOT_INVOICED");
        oc.invoiceApproved("INV-1", new BigDecimal("5000000.00"), "e-1", NOW);
        assertThat(oc.billing()).isEqualTo("INVOICE_APPROVED");
        oc.invoiceCanceled("INV-1", "wrong amount", "e-2", NOW);
        assertThat(oc.billing()).isEqualTo("INVOICE_CANCELED");
        assertThat(oc.state()).isEqualTo(OccurrenceState.OPEN);
        oc.invoiceApproved("INV-2", new BigDecimal("5000000.00"), "e-3", NOW);
        assertThat(oc.billing()).isEqualTo("INVOICE_APPROVED");
    }
}
