package io.windshift.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP mapper every service gets from the shared defaults ignores unknown fields (SPEC forward compatibility); events stay tolerant too. */
class HttpJsonDefaultsTest {

    record Preferences(String timeZone) {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> new ServiceDefaults().postProcessEnvironment(c.getEnvironment(), null))
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Test
    void anUnknownFieldInARequestBodyIsIgnoredAndNotBound() {
        context.run(c -> assertThat(c.getBean(JsonMapper.class).readValue("{\"timeZone\":\"UTC\",\"recipientId\":\"p-other\"}",
                Preferences.class)).isEqualTo(new Preferences("UTC")));
    }

    @Test
    void eventsFromANewerProducerAreStillReadWithTheirUnknownFields() {
        assertThat(EventJson.mapper().readValue("{\"timeZone\":\"UTC\",\"addedLater\":1}", Preferences.class).timeZone()).isEqualTo("UTC");
    }
}
