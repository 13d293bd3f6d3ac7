package io.windshift.obligation.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.windshift.contract.Topics;
import io.windshift.messaging.testing.BrokerOutage;
import io.windshift.messaging.testing.TopicProbe;
import io.windshift.obligation.ObligationServiceIntegrationTest;
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
 * Finance intake while the broker is away: 503 problem+json with Retry-After in well under two seconds, nothing
 * of the refused batch on the topic, and the same batch posted again once the broker is back delivered once.
 */
@DirtiesContext
class FinanceIntakeOutageIT extends ObligationServiceIntegrationTest {

    static final Duration REFUSAL_BOUND = Duration.ofSeconds(2);

    @Autowired EmbeddedKafkaBroker kafka;

    @Test
    void aBatchPostedWhileTheBrokerIsDownIsRefusedFastAndNothingOfItIsPublished() throws Exception {
        String paidAt = clock.instant().toString();
        assertThat(postFinance(FinanceIT.paid("fin-" + UUID.randomUUID(), "ob-warm", "1", "EUR", paidAt), CLOUDEVENT).getStatus()).isEqualTo(202);
        List<String> ids = List.of("fin-" + UUID.randomUUID(), "fin-" + UUID.randomUUID());
        String batch = "[" + String.join(",", ids.stream().map(id -> FinanceIT.paid(id, "ob-" + id, "100", "EUR", paidAt)).toList()) + "]";

        try (BrokerOutage outage = BrokerOutage.begin(kafka)) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                long started = System.nanoTime();
                MockHttpServletResponse refused = postFinance(batch, BATCH);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("Finance intake refusal, attempt %d: %d ms%n", attempt, took.toMillis());
                assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(503);
                assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
                assertThat(took).isLessThan(REFUSAL_BOUND);
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> postFinance(batch, BATCH).getStatus() == 202);
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.FINANCE)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> copiesOf(probe, id) >= 1));
            assertThat(ids).allSatisfy(id -> assertThat(copiesOf(probe, id)).as(id).isEqualTo(1));
        }
    }

    private MockHttpServletResponse postFinance(String body, MediaType type) throws Exception {
        return mvc.perform(post("/api/v1/finance/events").with(client("sap", "finance.events:write")).contentType(type).content(body))
                .andReturn().getResponse();
    }

    private static long copiesOf(TopicProbe probe, String eventId) {
        return probe.records().stream().filter(r -> eventId.equals(TopicProbe.header(r, "ce_id"))).count();
    }
}
