package io.windshift.obligation;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.publish.IntakePublisher;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.teams.AllianceTeams;
import io.windshift.service.security.JwtAuthorities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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

/**
 * obligation-service on a real embedded KRaft broker and an in-memory Mongo-wire store, with a clock tests
 * move forward. The scheduler loop is off: tests run passes themselves after travelling in time.
 */
@SpringBootTest(properties = {
        "windshift.messaging.partitions=3",
        "spring.mongodb.database=obligation-it",
        "windshift.obligation.scheduler.enabled=false"
})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        // One broker: the intake's transactions need their state log to fit it (and a small one starts faster).
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1", "transaction.state.log.num.partitions=3"})
@Import(ObligationServiceIntegrationTest.TestClock.class)
public abstract class ObligationServiceIntegrationTest {

    public static final MediaType CLOUDEVENT = MediaType.parseMediaType(CloudEvent.MEDIA_TYPE);
    public static final MediaType BATCH = MediaType.parseMediaType(CloudEvent.BATCH_MEDIA_TYPE);

    @Autowired protected MockMvc mvc;
    @Autowired protected MutableClock clock;
    @Autowired protected EventPublisher publisher;
    @Autowired protected AllianceTeams teams;
    @Value("${spring.kafka.bootstrap-servers}") protected String bootstrap;

    @TestConfiguration
    static class TestClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2027-01-04T08:00:00Z"));
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

    protected static RequestPostProcessor admin() {
        return person("p-admin", "ALLIANCE_ADMIN");
    }

    /** Announces an alliance as alliance-service would, and waits until the team projection has it. */
    protected String allianceWithTeam(TeamMember... team) {
        String allianceId = "al-" + UUID.randomUUID();
        publish(Topics.ALLIANCE, allianceId, EventType.ALLIANCE_REGISTERED, new AllianceRegistered(allianceId, "Helios oncology", "Helios Bio",
                "HLX-201", "CO_DEVELOPMENT", "LATE", "ACTIVE", "STRATEGIC", List.of(team), 1, List.of(), List.of()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> teams.find(allianceId).isPresent());
        return allianceId;
    }

    protected String publish(String topic, String key, EventType type, Object payload) {
        String id = "ev-" + UUID.randomUUID();
        publish(topic, key, CloudEvent.of(id, type, "/test", key, clock.instant(), payload, null));
        return id;
    }

    protected void publish(String topic, String key, CloudEvent event) {
        publisher.publish(topic, key, event);
    }

    /** Registers through the API as an admin and returns the new obligation's id. */
    protected String registerObligation(String json) throws Exception {
        String location = mvc.perform(post("/api/v1/obligations").with(admin()).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    protected String milestonePayment(String allianceId, String ownerId, String dueDate, String amount, String currency) {
        return """
                {"allianceId":"%s","title":"Phase 3 first patient dosed milestone","agreementId":"AGR-7","clauseRef":"7.2(b)",
                 "category":"FINANCIAL","type":"MILESTONE_PAYMENT","direction":"OWED_TO_US","ownerId":"%s","reviewerId":"p-reviewer",
                 "amount":%s,"currency":"%s","dueDate":"%s"}
                """.formatted(allianceId, ownerId, amount, currency, dueDate);
    }

    /** Obligation events on the topic for one obligation (the record key). */
    protected static List<CloudEvent> eventsOf(TopicProbe probe, String obligationId) {
        return probe.records().stream().filter(r -> obligationId.equals(r.key())).map(ObligationServiceIntegrationTest::read).toList();
    }

    protected static List<CloudEvent> eventsOf(TopicProbe probe, String obligationId, EventType type) {
        return eventsOf(probe, obligationId).stream().filter(e -> type.wireName().equals(e.type())).toList();
    }

    protected static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(TopicProbe.value(record));
    }
}
