package io.windshift.obligation.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.obligation.ObligationServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The team projection keeps the newest alliance version: an older event delivered late (a replay) changes nothing. */
class TeamProjectionOrderIT extends ObligationServiceIntegrationTest {

    @Test
    void anOlderAllianceEventDoesNotOverwriteANewerTeam() {
        String allianceId = "al-order-" + UUID.randomUUID();
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned(allianceId, "ALLIANCE_MANAGER", "p-new", "p-old", "t-2", 5));
        await().atMost(Duration.ofSeconds(15)).until(() -> teams.find(allianceId).isPresent());

        // Replayed after it: the assignment of version 3 and the vacancy of version 4.
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned(allianceId, "ALLIANCE_MANAGER", "p-old", null, "t-1", 3));
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_VACATED, new RoleVacated(allianceId, "A", "STRATEGIC", "LATE",
                "ALLIANCE_MANAGER", "p-new", "TERMINATED", clock.today(), "t-0", 4));
        // A marker of the same alliance at a later version: once it is applied, the two before it were processed.
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned(allianceId, "FINANCE_LEAD", "p-fin", null, "t-3", 6));
        await().atMost(Duration.ofSeconds(15)).until(() -> teams.find(allianceId).map(t -> t.allianceVersion() == 6).orElse(false));

        AllianceTeam team = teams.find(allianceId).orElseThrow();
        assertThat(team.holderOf("ALLIANCE_MANAGER")).contains("p-new");
        assertThat(team.holderOf("FINANCE_LEAD")).contains("p-fin");
    }
}
