package io.windshift.service.config;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code windshift-service-defaults.yml} as the lowest-precedence property source, so the settings
 * every service shares (infrastructure addresses, probes, tracing, virtual threads) are written once and
 * each service's own {@code application.yml} or the environment can still override them.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("windshift-service-defaults", new ClassPathResource("windshift-service-defaults.yml"));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read windshift-service-defaults.yml", e);
        }
    }
}
