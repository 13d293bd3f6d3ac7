package io.windshift.alliance;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.service.security.JwtAuthorities;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** alliance-service on a real embedded KRaft broker and an in-memory Mongo-wire store. */
@SpringBootTest(properties = {
        "windshift.messaging.partitions=3",
        "spring.mongodb.database=alliance-it"
})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        // One broker: the intake's transactions need their state log to fit it (and a small one starts faster).
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1", "transaction.state.log.num.partitions=3"})
@Import(AllianceServiceIntegrationTest.Time.class)
public abstract class AllianceServiceIntegrationTest {

    /** Today in these tests is 2027-01-10 (after the dates the HR samples use), and tests may move it on. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        TravellingClock clock() {
            TravellingClock clock = new TravellingClock();
            clock.travelTo(java.time.LocalDate.parse("2027-01-10"));
            return clock;
        }
    }

    /** As readiness would in a deployment: no request before the intake's transactional producer is up. */
    @BeforeEach
    void intakeReady(@Autowired IntakePublisher intake) {
        await().atMost(Duration.ofSeconds(60)).until(intake::isReady);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
        registry.add("windshift.security.jwt.public-key-location", TestKeys::publicKeyLocation);
    }

    protected static final MediaType CLOUDEVENT = MediaType.parseMediaType("application/cloudevents+json");

    @Autowired protected MockMvc mvc;
    @Autowired protected TravellingClock clock;

    /** Registers an alliance as an admin and returns its id. */
    protected String register(String json) throws Exception {
        String location = mvc.perform(post("/api/v1/alliances").with(person("admin", "ALLIANCE_ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    protected static String alliance(String name, String tier, String stage, String team) {
        return """
                {"name":"%s","partner":"%s Bio","asset":"%s-1","type":"CO_DEVELOPMENT","stage":"%s","tier":"%s","team":%s}
                """.formatted(name, name, name.toUpperCase().replace(' ', '-'), stage, tier, team);
    }

    protected static String seats(String... roleAndPerson) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < roleAndPerson.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"role\":\"").append(roleAndPerson[i]).append("\",\"personId\":\"")
                    .append(roleAndPerson[i + 1]).append("\"}");
        }
        return json.append("]").toString();
    }

    protected void postHr(String cloudEvent) throws Exception {
        mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(CLOUDEVENT).content(cloudEvent))
                .andExpect(status().isAccepted());
    }

    protected static RequestPostProcessor person(String personId, String... roles) {
        return token(Jwt.withTokenValue("t").header("alg", "RS256").subject(personId).claim("roles", List.of(roles)).build());
    }

    protected static RequestPostProcessor client(String clientId, String... scopes) {
        return token(Jwt.withTokenValue("t").header("alg", "RS256").subject(clientId).claim("client_id", clientId)
                .claim("scope", String.join(" ", scopes)).build());
    }

    private static RequestPostProcessor token(Jwt jwt) {
        return jwt().jwt(jwt).authorities(JwtAuthorities.authorities(jwt));
    }
}
