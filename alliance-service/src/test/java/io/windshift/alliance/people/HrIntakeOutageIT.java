package io.windshift.alliance.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.testing.BrokerOutage;
import io.windshift.messaging.testing.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;

/**
 * HR intake while the broker is away: refused at once (503 problem+json with Retry-After, well under two
 * seconds), nothing of the refused batch reaches consumers, and the same batch posted again once the broker
 * is back is delivered once.
 */
@DirtiesContext
class HrIntakeOutageIT extends AllianceServiceIntegrationTest {

    static final MediaType BATCH = MediaType.parseMediaType(CloudEvent.BATCH_MEDIA_TYPE);
    static final Duration REFUSAL_BOUND = Duration.ofSeconds(2);

    @Autowired EmbeddedKafkaBroker kafka;

    @Test
    void aBatchPostedWhileTheBrokerIsDownIsRefusedFastAndNothingOfItIsPublished() throws Exception {
        // The intake has published before (producer up, metadata cached): the usual state when a broker dies.
        assertThat(postHr(HrEventsIT.terminated("hr-" + UUID.randomUUID(), "p-warm"), CLOUDEVENT).getStatus()).isEqualTo(202);
        List<String> ids = List.of("hr-" + UUID.randomUUID(), "hr-" + UUID.randomUUID(), "hr-" + UUID.randomUUID());
        String batch = "[" + String.join(",", ids.stream().map(id -> HrEventsIT.terminated(id, "p-" + id)).toList()) + "]";

        try (BrokerOutage outage = BrokerOutage.begin(kafka)) {
            // The first attempt meets the dead broker; the next ones are refused without trying.
            for (int attempt = 1; attempt <= 3; attempt++) {
                long started = System.nanoTime();
                MockHttpServletResponse refused = postHr(batch, BATCH);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("HR intake refusal, attempt %d: %d ms%n", attempt, took.toMillis());
                assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
                assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
                assertThat(took).isLessThan(REFUSAL_BOUND);
            }
        }

        // Back up: the client retries as told until the batch is accepted; each event is then on the topic once.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> postHr(batch, BATCH).getStatus() == 202);
        try (TopicProbe probe = new TopicProbe(kafka.getBrokersAsString(), Topics.HR)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> copiesOf(probe, id) >= 1));
            assertThat(ids).allSatisfy(id -> assertThat(copiesOf(probe, id)).as(id).isEqualTo(1));
        }
    }

    private MockHttpServletResponse postHr(String body, MediaType type) throws Exception {
        return mvc.perform(post("/api/v1/hr/events").with(client("workday", "hr.events:write")).contentType(type).content(body))
                .andReturn().getResponse();
    }

    private static long copiesOf(TopicProbe probe, String eventId) {
        return probe.records().stream().filter(r -> eventId.equals(TopicProbe.header(r, "ce_id"))).count();
    }
}
