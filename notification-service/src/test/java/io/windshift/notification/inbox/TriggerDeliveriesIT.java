package io.windshift.notification.inbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactAssessed.Finding;
import io.windshift.notification.NotificationIntegrationTest;
import io.windshift.notification.audience.Audience;
import io.windshift.service.security.JwtAuthorities;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** "Who was told" about one trigger: everyone for the head, the recipients of their own alliances for a manager, 404 for a stranger. */
class TriggerDeliveriesIT extends NotificationIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired Audience audience;

    @Test
    void theHeadSeesEveryoneToldAndAManagerOnlyTheRecipientsOfTheirAlliances() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String leadA = "p-la-" + run, leadB = "p-lb-" + run, gone = "p-gone-" + run;
        String a = "al-ta-" + run, b = "al-tb-" + run;
        publish(registered(a, "Vega " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", leadA), member("ALLIANCE_MANAGER", gone)), List.of()));
        publish(registered(b, "Lyra " + run, "STANDARD", List.of(member("PARTNERSHIP_LEAD", leadB)), List.of()));
        await().atMost(WAIT).until(() -> audience.team(a).isPresent() && audience.team(b).isPresent());
        String trigger = "trg-" + run;
        publish(impact(trigger, a, "Vega " + run, gone));
        publish(impact(trigger, b, "Lyra " + run, gone));

        String path = "/api/v1/notifications/triggers/" + trigger + "/deliveries";
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get(path).with(head()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.triggerEventId").value(trigger))
                .andExpect(jsonPath("$.deliveries[?(@.channel == 'IN_APP')].recipientId", hasItem(leadA)))
                .andExpect(jsonPath("$.deliveries[?(@.channel == 'IN_APP')].recipientId", hasItem(leadB))));
        mvc.perform(get(path).with(person(leadA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deliveries[*].recipientId", hasItem(leadA)))
                .andExpect(jsonPath("$.deliveries[*].recipientId", not(hasItem(leadB))))
                .andExpect(jsonPath("$.deliveries[*].allianceIds", everyItem(hasItem(a))))
                .andExpect(jsonPath("$.deliveries[?(@.channel == 'IN_APP')].status", everyItem(is("DELIVERED"))));
        mvc.perform(get(path).with(person("p-stranger-" + run)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/notifications/triggers/no-such-" + run + "/deliveries").with(head())).andExpect(status().isNotFound());

        // Reading the notification is recorded in the same document.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/api/v1/notifications/" + Inbox.notificationId(trigger, leadA) + "/read").with(person(leadA))).andExpect(status().isOk());
        mvc.perform(get(path).with(person(leadA)))
                .andExpect(jsonPath("$.deliveries[?(@.channel == 'IN_APP' && @.recipientId == '" + leadA + "')].status", everyItem(is("READ"))));
    }

    CloudEvent impact(String trigger, String allianceId, String name, String gone) {
        return CloudEvent.of(EventIds.derived(trigger, allianceId, "impact"), EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "/test", allianceId, now(),
                new ChangeImpactAssessed("imp-" + trigger + "-" + allianceId, trigger, "hr.worker.terminated", allianceId, name, "STANDARD", "LATE",
                        "HIGH", "OPEN", List.of(new Finding("ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", gone, null)),
                        List.of("Name a new alliance manager for " + name), now(), 1), null);
    }

    static RequestPostProcessor head() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("p-head").claim("roles", List.of("HEAD_OF_ALLIANCE_MANAGEMENT")).build();
        return jwt().jwt(token).authorities(JwtAuthorities.authorities(token));
    }
}
