package io.windshift.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alliance events on a real embedded KRaft broker become one grouped notification per recipient per trigger. */
class RoleVacatedNotificationIT extends NotificationIntegrationTest {

    @Test
    void oneTriggerTouchingTwoAlliancesGivesTheLeadOneNotificationEvenWhenEventsAreRedelivered() throws Exception {
        String lead = "p-lead-" + UUID.randomUUID();
        String am = "p-am-" + UUID.randomUUID();
        String trigger = "hr-" + UUID.randomUUID();
        publish(registered("al-a-" + trigger, "Helios", lead, am));
        publish(registered("al-b-" + trigger, "Borealis", lead, am));
        CloudEvent onA = vacated("al-a-" + trigger, "Helios", am, trigger);
        CloudEvent onB = vacated("al-b-" + trigger, "Borealis", am, trigger);
        for (int i = 0; i < 3; i++) {
            publish(onA);
        }
        publish(onB);
        publish(onB);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                mvc.perform(get("/api/v1/notifications").with(person(lead)))
                        .andExpect(jsonPath("$.items", hasSize(1)))
                        .andExpect(jsonPath("$.items[0].allianceIds", containsInAnyOrder("al-a-" + trigger, "al-b-" + trigger)))
                        .andExpect(jsonPath("$.items[0].sourceEventId").value(trigger))
                        .andExpect(jsonPath("$.items[0].severity").value("CRITICAL"))
                        .andExpect(jsonPath("$.unreadCount").value(1)));
        String body = mvc.perform(get("/api/v1/notifications").with(person(lead))).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("Helios", "Borealis");

        mvc.perform(get("/api/v1/notifications").with(person(am))).andExpect(jsonPath("$.items", hasSize(0)));
    }

    @Test
    void aPersonReadsAndMarksOnlyTheirOwnNotifications() throws Exception {
        String lead = "p-lead-" + UUID.randomUUID();
        String trigger = "hr-" + UUID.randomUUID();
        publish(registered("al-" + trigger, "Aurora", lead, "p-am-x"));
        publish(vacated("al-" + trigger, "Aurora", "p-am-x", trigger));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                mvc.perform(get("/api/v1/notifications").with(person(lead))).andExpect(jsonPath("$.items", hasSize(1))));
        String id = Inbox.notificationId(trigger, lead);

        mvc.perform(post("/api/v1/notifications/" + id + "/read").with(person("p-someone-else"))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/notifications/" + id + "/read").with(person(lead)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.readAt").isNotEmpty());
        mvc.perform(get("/api/v1/notifications").with(person(lead))).andExpect(jsonPath("$.unreadCount").value(0));
        mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/notifications?size=1000").with(person(lead))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    private CloudEvent registered(String allianceId, String name, String lead, String am) {
        return CloudEvent.of(EventIds.random(), EventType.ALLIANCE_REGISTERED, "/test", allianceId, Instant.now(),
                new AllianceRegistered(allianceId, name, "Partner", null, "LICENSE", "LATE", "ACTIVE", "STRATEGIC",
                        List.of(new TeamMember("PARTNERSHIP_LEAD", lead), new TeamMember("ALLIANCE_MANAGER", am)), 0, List.of(), List.of()), null);
    }

    private static CloudEvent vacated(String allianceId, String name, String person, String trigger) {
        return CloudEvent.of(EventIds.derived(trigger, allianceId), EventType.ALLIANCE_ROLE_VACATED, "/test", allianceId, Instant.now(),
                new RoleVacated(allianceId, name, "STRATEGIC", "LATE", "ALLIANCE_MANAGER", person, "TERMINATED",
                        LocalDate.parse("2026-12-01"), trigger, 1), null);
    }

}
