package io.windshift.gateway.discovery;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The LoadBalancer configuration of every {@code lb://} route: the discovered instances, minus those whose last
 * readiness check failed ({@code spring.cloud.loadbalancer.health-check.*}). Registered as the default
 * configuration (not a {@code @Configuration}: LoadBalancer builds it once per service in a child context).
 */
class HealthCheckedInstances {

    @Bean
    ServiceInstanceListSupplier instancesThatAnswer(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder().withDiscoveryClient().withHealthChecks(WebClient.create()).build(context);
    }
}
