package io.windshift.gateway.discovery;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the gateway finds the instances it balances across; see {@link ServiceInstances}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryConfiguration.DiscoveryProperties.class)
@LoadBalancerClients(defaultConfiguration = HealthCheckedInstances.class)
class DiscoveryConfiguration {

    /**
     * {@code windshift.gateway.discovery.*}: {@code instance-list} is the launcher's file (optional);
     * {@code services.NAME} the one address of each service where there is no such list.
     */
    @ConfigurationProperties("windshift.gateway.discovery")
    record DiscoveryProperties(Path instanceList, Map<String, URI> services) {
        DiscoveryProperties {
            services = services == null ? Map.of() : services;
        }
    }

    @Bean
    ServiceInstances serviceInstances(DiscoveryProperties properties) {
        return new ServiceInstances(properties.instanceList(), properties.services());
    }
}
