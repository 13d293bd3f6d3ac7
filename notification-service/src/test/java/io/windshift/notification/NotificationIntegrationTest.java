package io.windshift.notification;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventIds;
import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.GovernanceBody;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.messaging.testing.EmbeddedMongo;
import io.windshift.messaging.testing.TestKeys;
import io.windshift.service.security.JwtAuthorities;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * One shared context for the notification ITs: a real in-JVM KRaft broker, embedded Mongo, a real SMTP
 * server (GreenMail), a clock the tests move. Schedulers poll hourly so tests drive the worker and the
 * escalation scan explicitly after travelling in time.
 */
@SpringBootTest(properties = {
        "windshift.messaging.partitions=3", "windshift.messaging.listener-concurrency=1", "spring.mongodb.database=notification-it",
        "windshift.notification.delivery.coalesce=PT0S", "windshift.notification.delivery.poll-interval=PT1H",
        "windshift.notification.delivery.max-attempts=3", "windshift.notification.delivery.initial-backoff=PT1M",
        "windshift.notification.escalation.scan-interval=PT1H", "windshift.notification.escalation.after=PT4H",
        "windshift.notification.actions.scan-interval=PT1H",
        // Event subscriptions: the sender is driven by hand; plain-http receivers on localhost.
        "windshift.notification.subscriptions.poll-interval=PT1H", "windshift.notification.subscriptions.allow-http=true",
        "windshift.notification.subscriptions.max-attempts=3", "windshift.notification.subscriptions.initial-backoff=PT1M",
        "windshift.notification.subscriptions.max-per-owner=3",
        "windshift.notification.guard.timeout=PT1S", "windshift.notification.guard.retry-attempts=2",
        "windshift.notification.guard.retry-backoff=PT0.05S", "windshift.notification.guard.window=4",
        "windshift.notification.guard.open-for=PT2S", "windshift.notification.webhook.secret=test-secret",
        // Test receivers run on localhost, named exactly (so vouched for); *.example.org must resolve to public addresses.
        "windshift.notification.webhooks.allowed-hosts=localhost,hooks.example.com,*.example.org",
        "windshift.notification.heads-of-alliance-management=p-head"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(NotificationIntegrationTest.Clocks.class)
public abstract class NotificationIntegrationTest {

    /** A fixed free port, so a test can stop the relay and start it again where the service expects it. */
    protected static final int SMTP_PORT = freePort();
    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
        registry.add("windshift.security.jwt.public-key-location", TestKeys::publicKeyLocation);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

        @Bean
        TestDns testDns() {
            return new TestDns();
        }
    }

    @Autowired protected EventPublisher publisher;
    @Autowired protected MockMvc mvc;
    @Autowired protected Clock clock;

    protected TestClock time() {
        return (TestClock) clock;
    }

    protected void publish(CloudEvent event) {
        String topic = event.knownType().orElseThrow().topic();
        publisher.publish(topic, event.subject(), event);
    }

    protected CloudEvent registered(String allianceId, String name, String tier, List<TeamMember> team, List<GovernanceBody> bodies) {
        return CloudEvent.of(EventIds.random(), EventType.ALLIANCE_REGISTERED, "/test", allianceId, clock.instant(),
                new AllianceRegistered(allianceId, name, "Partner", null, "LICENSE", "LATE", "ACTIVE", tier, team, 1, bodies, List.of()), null);
    }

    protected CloudEvent hired(String personId, String email, String managerId) {
        return CloudEvent.of(EventIds.random(), EventType.HR_WORKER_HIRED, "/test", personId, clock.instant(),
                new WorkerHired(personId, "Name " + personId, email, "ou-1", managerId, LocalDate.parse("2026-01-01")), null);
    }

    protected static TeamMember member(String role, String personId) {
        return new TeamMember(role, personId);
    }

    protected static RequestPostProcessor person(String personId) {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject(personId).claim("roles", List.of("ALLIANCE_MANAGER")).build();
        return jwt().jwt(token).authorities(JwtAuthorities.authorities(token));
    }

    protected Instant now() {
        return clock.instant();
    }
}
