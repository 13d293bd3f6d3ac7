package io.windshift.alliance.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * The health groups every service gets from the service kit: {@code readiness} (the orchestrator's probe) asks the
 * store and the broker; {@code routing} (the gateway's load-balancer check, whose time limit is its 2 s interval)
 * is in-process state only, so a slow broker answer cannot drop every instance from the gateway.
 */
class HealthGroupsIT extends AllianceServiceIntegrationTest {

    @Autowired HealthEndpointGroups groups;

    @Test
    void readinessAsksTheStoreAndTheBrokerAndRoutingAsksNeither() throws Exception {
        assertThat(groups.get("readiness")).isNotNull();
        assertThat(groups.get("readiness").isMember("store")).isTrue();
        assertThat(groups.get("readiness").isMember("kafka")).isTrue();

        assertThat(groups.get("routing")).as("the gateway's health path /actuator/health/routing").isNotNull();
        assertThat(groups.get("routing").isMember("readinessState")).isTrue();
        assertThat(groups.get("routing").isMember("kafka")).isFalse();
        assertThat(groups.get("routing").isMember("store")).isFalse();

        mvc.perform(get("/actuator/health/routing")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }
}
