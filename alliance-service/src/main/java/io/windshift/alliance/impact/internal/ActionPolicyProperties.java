package io.windshift.alliance.impact.internal;

import io.windshift.alliance.impact.ActionPolicy;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Role;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code windshift.alliance.actions.head-of-alliance-management} (person id, default p-head),
 * {@code .assignee-by-kind.<KIND>=<ROLE>} and {@code .fill-key-role-within-business-days} (default 5).
 */
@ConfigurationProperties("windshift.alliance.actions")
record ActionPolicyProperties(String headOfAllianceManagement, Map<ImpactKind, Role> assigneeByKind, Integer fillKeyRoleWithinBusinessDays) {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ActionPolicyProperties.class)
    static class ActionPolicyConfiguration {

        @Bean
        ActionPolicy actionPolicy(ActionPolicyProperties p) {
            return new ActionPolicy(p.headOfAllianceManagement() == null ? "p-head" : p.headOfAllianceManagement(), p.assigneeByKind(),
                    p.fillKeyRoleWithinBusinessDays() == null ? 5 : p.fillKeyRoleWithinBusinessDays());
        }
    }
}
