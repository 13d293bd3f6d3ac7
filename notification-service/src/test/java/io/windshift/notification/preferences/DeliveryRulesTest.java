package io.windshift.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.notification.inbox.Category;
import io.windshift.notification.inbox.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Preference rules with an explicit clock: threshold, quiet hours in the person's zone, digest, critical. */
class DeliveryRulesTest {

    static Preferences zurich(String minimum, String quietStart, String quietEnd, boolean digest) {
        return new Preferences("p-1", "Europe/Zurich", Map.of("ALLIANCE_CHANGE", List.of("IN_APP", "EMAIL", "WEBHOOK"),
                "OBLIGATION", List.of("IN_APP")), minimum, quietStart, quietEnd, digest, "08:30", "https://hooks.example/x", null);
    }

    @Test
    void inWorkingHoursItGoesNowOnTheFirstOutboundChannelWithTheRestAsFailovers() {
        Routing routing = DeliveryRules.route(zurich("LOW", "22:00", "07:00", false), Category.ALLIANCE_CHANGE, Severity.MEDIUM,
                Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(routing.suppressed()).isFalse();
        assertThat(routing.order()).containsExactly(Channel.EMAIL, Channel.WEBHOOK);
        assertThat(routing.dueAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(routing.deferredReason()).isNull();
    }

    @Test
    void quietHoursInThePersonsZoneDeferUntilTheyEndAcrossMidnight() {
        // 23:30 in Zurich (UTC+1 in November) is 22:30 UTC; quiet until 07:00 Zurich = 06:00 UTC next day.
        Routing late = DeliveryRules.route(zurich("LOW", "22:00", "07:00", false), Category.ALLIANCE_CHANGE, Severity.HIGH,
                Instant.parse("2026-11-20T22:30:00Z"));
        assertThat(late.deferredReason()).isEqualTo("QUIET_HOURS");
        assertThat(late.dueAt()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
        Routing early = DeliveryRules.route(zurich("LOW", "22:00", "07:00", false), Category.ALLIANCE_CHANGE, Severity.HIGH,
                Instant.parse("2026-11-21T05:00:00Z"));
        assertThat(early.dueAt()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
        Routing justAfter = DeliveryRules.route(zurich("LOW", "22:00", "07:00", false), Category.ALLIANCE_CHANGE, Severity.HIGH,
                Instant.parse("2026-11-21T06:00:00Z"));
        assertThat(justAfter.deferredReason()).isNull();
    }

    @Test
    void criticalCannotBeMutedByQuietHoursThresholdDigestOrAnInboxOnlyChoice() {
        Instant night = Instant.parse("2026-11-20T23:00:00Z");
        Routing routing = DeliveryRules.route(zurich("CRITICAL", "22:00", "07:00", true), Category.ALLIANCE_CHANGE, Severity.CRITICAL, night);
        assertThat(routing.dueAt()).isEqualTo(night);
        assertThat(routing.deferredReason()).isNull();
        Routing inboxOnly = DeliveryRules.route(zurich("LOW", null, null, false), Category.OBLIGATION, Severity.CRITICAL, night);
        assertThat(inboxOnly.suppressed()).isFalse();
        assertThat(inboxOnly.order()).containsExactly(Channel.EMAIL);
    }

    @Test
    void belowTheThresholdOrInboxOnlyNothingGoesOut() {
        Instant noon = Instant.parse("2026-11-20T11:00:00Z");
        assertThat(DeliveryRules.route(zurich("HIGH", null, null, false), Category.ALLIANCE_CHANGE, Severity.MEDIUM, noon).suppressed()).isTrue();
        assertThat(DeliveryRules.route(zurich("LOW", null, null, false), Category.OBLIGATION, Severity.HIGH, noon).reason()).contains("inbox only");
    }

    @Test
    void lowSeverityWaitsForTheDailyDigestInThePersonsZone() {
        Routing before = DeliveryRules.route(zurich("LOW", null, null, true), Category.ALLIANCE_CHANGE, Severity.LOW,
                Instant.parse("2026-11-20T06:00:00Z"));
        assertThat(before.deferredReason()).isEqualTo("DIGEST");
        assertThat(before.dueAt()).isEqualTo(Instant.parse("2026-11-20T07:30:00Z"));
        Routing after = DeliveryRules.route(zurich("LOW", null, null, true), Category.ALLIANCE_CHANGE, Severity.LOW,
                Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(after.dueAt()).isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
        assertThat(DeliveryRules.route(zurich("LOW", null, null, true), Category.ALLIANCE_CHANGE, Severity.MEDIUM,
                Instant.parse("2026-11-20T09:00:00Z")).deferredReason()).as("only LOW is digested").isNull();
    }

    @Test
    void defaultsAreInboxAndEmailForEveryCategory() {
        Preferences defaults = Preferences.defaults("p-2");
        for (Category category : Category.values()) {
            assertThat(defaults.channelsFor(category)).containsExactly(Channel.IN_APP, Channel.EMAIL);
        }
    }
}
