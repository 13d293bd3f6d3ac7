package io.windshift.alliance.portfolio.internal;

import io.windshift.alliance.portfolio.PortfolioPolicy;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Stage;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code windshift.alliance.capacity} (default 5), {@code windshift.alliance.capacity-policy} (refuse | flag)
 * and {@code windshift.alliance.lead-role-by-stage.<STAGE>} (the role the partnership lead must also hold).
 */
@ConfigurationProperties("windshift.alliance")
record PortfolioPolicyProperties(Integer capacity, PortfolioPolicy.CapacityPolicy capacityPolicy, Map<Stage, Role> leadRoleByStage) {

    PortfolioPolicy toPolicy() {
        return new PortfolioPolicy(capacity == null ? 5 : capacity,
                capacityPolicy == null ? PortfolioPolicy.CapacityPolicy.REFUSE : capacityPolicy, leadRoleByStage);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PortfolioPolicyProperties.class)
    static class PolicyConfiguration {

        @Bean
        PortfolioPolicy portfolioPolicy(PortfolioPolicyProperties properties) {
            return properties.toPolicy();
        }
    }
}
