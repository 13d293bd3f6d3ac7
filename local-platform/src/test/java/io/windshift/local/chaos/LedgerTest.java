package io.windshift.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void anEffectSeenOnceIsFineNeverIsLostTwiceIsDoubledUnobservedIsUnchecked() {
        Ledger ledger = new Ledger();
        ledger.expect("e1", "once").observed.set(1);
        ledger.expect("e2", "never").observed.set(0);
        ledger.expect("e3", "twice").observed.set(2);
        ledger.expect("e4", "not looked at");

        Ledger.Verdict v = ledger.verdict(List.of(), Set.of());

        assertThat(v.lost()).extracting(e -> e.eventId).containsExactly("e2");
        assertThat(v.doubled()).extracting(e -> e.eventId).containsExactly("e3");
        assertThat(v.unchecked()).extracting(e -> e.eventId).containsExactly("e4");
        assertThat(v.clean()).isFalse();
    }

    @Test
    void aForbiddenEffectObservedIsOutOfOrder() {
        Ledger ledger = new Ledger();
        ledger.forbid("d1", "departure told to the replaced lead").observed.set(1);
        ledger.forbid("d2", "departure told to the replaced lead").observed.set(0);
        ledger.expect("d1", "departure told to the new lead").observed.set(1);

        Ledger.Verdict v = ledger.verdict(List.of(), Set.of());

        assertThat(v.outOfOrder()).extracting(f -> f.eventId).containsExactly("d1");
        assertThat(v.lost()).isEmpty();
        assertThat(v.doubled()).isEmpty();
        assertThat(v.clean()).isFalse();
    }

    @Test
    void deadLettersAreUnexpectedUnlessTheyCarryAPoisonMarker() {
        Ledger ledger = new Ledger();
        ledger.poisoned("chaos-poison-r-windshift.hr.events-0", "windshift.hr.events");
        ledger.poisoned("chaos-poison-r-windshift.finance.events-0", "windshift.finance.events");
        ledger.poisoned("chaos-poison-r-windshift.notification.events-0", "windshift.notification.events");
        List<Ledger.DeadLetter> dlt = List.of(
                new Ledger.DeadLetter("windshift.hr.events-dlt", 0, 5, "chaos-poison-r-windshift.hr.events-0", "not JSON"),
                new Ledger.DeadLetter("windshift.hr.events-dlt", 3, 9, null, "handler failed"),
                new Ledger.DeadLetter("windshift.alliance.events-dlt", 1, 2, "chaos-poison-earlier-run-0", "not JSON"),
                new Ledger.DeadLetter("windshift.alliance.events-dlt", 1, 3, "something-else", "invalid payload"));

        Ledger.Verdict v = ledger.verdict(dlt, Set.of("windshift.notification.events"));

        assertThat(v.unexpectedDeadLetters()).extracting(Ledger.DeadLetter::offset).containsExactly(9L, 3L);
        // finance poison never reached a dead-letter topic; the notification topic has no consumer, so that one is expected
        assertThat(v.poisonNotDeadLettered()).containsExactly("windshift.finance.events: chaos-poison-r-windshift.finance.events-0");
        assertThat(v.clean()).isFalse();
    }

    @Test
    void aCleanRunIsClean() {
        Ledger ledger = new Ledger();
        ledger.expect("e1", "once").observed.set(1);
        ledger.forbid("e1", "never").observed.set(0);
        ledger.poisoned("chaos-poison-r-windshift.hr.events-0", "windshift.hr.events");

        Ledger.Verdict v = ledger.verdict(List.of(new Ledger.DeadLetter("windshift.hr.events-dlt", 0, 0,
                "chaos-poison-r-windshift.hr.events-0", "bad")), Set.of());

        assertThat(v.clean()).isTrue();
        assertThat(v.poisonNotDeadLettered()).isEmpty();
    }

    @Test
    void aPaymentCountsOnceWhenTheOccurrenceIsFulfilledWithOnePaidInvoice() {
        Document once = Document.parse("""
                {"occurrences":[{"status":"FULFILLED","expectedAmount":1000.0,"paidAmount":1000.0,
                  "invoices":[{"invoiceId":"inv-1","status":"PAID"}]}]}""");
        Document twice = Document.parse("""
                {"occurrences":[{"status":"FULFILLED","expectedAmount":1000.0,"paidAmount":2000.0,
                  "invoices":[{"invoiceId":"inv-1","status":"PAID"},{"invoiceId":"inv-1","status":"PAID"}]}]}""");
        Document open = Document.parse("""
                {"occurrences":[{"status":"OPEN","expectedAmount":1000.0,"invoices":[]}]}""");

        assertThat(Observer.paidCount(once, "inv-1")).isEqualTo(1);
        assertThat(Observer.paidCount(twice, "inv-1")).isEqualTo(2);
        assertThat(Observer.paidCount(open, "inv-1")).isZero();
        assertThat(Observer.paidCount(null, "inv-1")).isZero();
    }

    @Test
    void anEmailIsDoubledWhenTheSameRevisionOfANotificationArrivesTwice() {
        String mailbox = """
                [{"mimeMessage":"Subject: a\\r\\nX-Windshift-Notification-Id: n-1/1\\r\\n\\r\\nbody"},
                 {"mimeMessage":"Subject: a\\r\\nX-Windshift-Notification-Id: n-1/2\\r\\n\\r\\nbody"},
                 {"mimeMessage":"Subject: b\\r\\nX-Windshift-Notification-Id: n-2/1\\r\\n\\r\\nbody"},
                 {"mimeMessage":"Subject: b\\r\\nX-Windshift-Notification-Id: n-2/1\\r\\n\\r\\nbody"}]""";

        assertThat(Observer.emailCount(mailbox, "n-1")).isEqualTo(1);
        assertThat(Observer.emailCount(mailbox, "n-2")).isEqualTo(2);
        assertThat(Observer.emailCount(mailbox, "n-3")).isZero();
    }
}
