package io.windshift.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.contract.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP mapper every service gets from the shared defaults refuses unknown fields (mass assignment); events stay tolerant. */
class HttpJsonDefaultsTest {

    record Preferences(String timeZone) {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> new ServiceDefaults().postProcessEnvironment(c.getEnvironment(), null))
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Test
    void anUnknownFieldInARequestBodyIsRefusedNamingIt() {
        context.run(c -> assertThatThrownBy(() -> c.getBean(JsonMapper.class).readValue("{\"timeZone\":\"UTC\",\"recipientId\":\"p-other\"}",
                Preferences.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> assertThat(e.getPropertyName()).isEqualTo("recipientId")));
    }

    @Test
    void eventsFromANewerProducerAreStillReadWithTheirUnknownFields() {
        assertThat(EventJson.mapper().readValue("{\"timeZone\":\"UTC\",\"addedLater\":1}", Preferences.class).timeZone()).isEqualTo("UTC");
    }
}
