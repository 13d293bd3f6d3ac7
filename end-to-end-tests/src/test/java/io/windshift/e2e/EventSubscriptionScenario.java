package io.windshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An integrator's endpoint, end to end through the gateway: an ERP subscribes to one alliance's change impacts and
 * action changes, HR reports the alliance manager's departure, and the endpoint receives each resulting event once,
 * as a structured CloudEvent signed with the subscription's secret and naming the HR event that started it.
 */
abstract class EventSubscriptionScenario extends ClosingTheLoopScenario {

    /** What the endpoint received: headers of interest and the body. */
    record Received(String signature, String timestamp, String deliveryId, String body) {
    }

    @Test
    void anIntegratorsEndpointReceivesEachChangeImpactOnceAsASignedCloudEvent() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/erp/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Windshift-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Windshift-Timestamp"), exchange.getRequestHeaders().getFirst("X-Windshift-Delivery-Id"),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            String admin = tokens().person("p-admin", "ALLIANCE_ADMIN");
            String hr = tokens().client("workday", "hr.events:write");
            String erp = tokens().client("erp-" + UUID.randomUUID(), "events.subscriptions:write");
            String manager = "p-am-" + UUID.randomUUID();
            HttpResponse<String> created = send("POST", "/api/v1/alliances", admin, "application/json", """
                    {"name":"Vega immunology","partner":"Vega Bio","asset":"VG-7","type":"CO_DEVELOPMENT","stage":"LATE",
                     "tier":"STRATEGIC","team":[{"role":"PARTNERSHIP_LEAD","personId":"p-lead-%s"},{"role":"ALLIANCE_MANAGER","personId":"%s"}]}
                    """.formatted(UUID.randomUUID(), manager), null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String allianceId = JSON.readTree(created.body()).get("id").asString();

            HttpResponse<String> subscribed = send("POST", "/api/v1/subscriptions", erp, "application/json", """
                    {"url":"http://127.0.0.1:%d/erp/events","types":["alliance.change-impact-assessed","alliance.impact-action-changed"],
                     "allianceIds":["%s"],"description":"ERP: alliance changes"}
                    """.formatted(endpoint.getAddress().getPort(), allianceId), null);
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            String subscription = JSON.readTree(subscribed.body()).get("id").asString();
            String secret = JSON.readTree(subscribed.body()).get("secret").asString();
            assertThat(send("GET", "/api/v1/subscriptions/" + subscription, tokens().client("erp-other", "events.subscriptions:write"), null, null,
                    null).statusCode()).as("another client's subscription").isEqualTo(404);

            String eventId = "hr-" + UUID.randomUUID();
            String departure = """
                    {"specversion":"1.0","id":"%s","source":"/workday","type":"hr.worker.terminated",
                     "data":{"personId":"%s","effectiveDate":"2026-11-01","reasonCode":"RESIGNATION"}}
                    """.formatted(eventId, manager);
            assertThat(send("POST", "/api/v1/hr/events", hr, "application/cloudevents+json", departure, null).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                assertThat(received.stream().map(r -> JSON.readTree(r.body())).filter(e -> e.get("type").asString()
                        .equals("alliance.change-impact-assessed"))).isNotEmpty();
                JsonNode page = JSON.readTree(send("GET", "/api/v1/subscriptions/" + subscription + "/deliveries?status=PENDING", erp, null, null,
                        null).body());
                assertThat(page.get("totalItems").asInt()).as("nothing left to send").isZero();
            });

            JsonNode impact = received.stream().map(r -> JSON.readTree(r.body()))
                    .filter(e -> e.get("type").asString().equals("alliance.change-impact-assessed")).findFirst().orElseThrow();
            assertThat(impact.get("specversion").asString()).isEqualTo("1.0");
            assertThat(impact.get("data").get("allianceId").asString()).isEqualTo(allianceId);
            assertThat(impact.get("data").get("triggerEventId").asString()).as("follows the HR event that started it").isEqualTo(eventId);
            for (Received r : received) {
                assertThat(r.signature()).as("signed with the subscription's secret").contains(sign(secret, r.timestamp(), r.body()));
                assertThat(JSON.readTree(r.body()).get("data").get("allianceId").asString()).as("only the subscribed alliance").isEqualTo(allianceId);
            }
            Map<String, Long> perEvent = received.stream().collect(Collectors.groupingBy(r -> JSON.readTree(r.body()).get("id").asString(),
                    Collectors.counting()));
            assertThat(perEvent.values()).as("each event once").containsOnly(1L);
            JsonNode delivered = JSON.readTree(send("GET", "/api/v1/subscriptions/" + subscription + "/deliveries?status=DELIVERED", erp, null,
                    null, null).body());
            assertThat(delivered.get("totalItems").asInt()).isEqualTo(received.size());
            assertThat(received.stream().map(Received::deliveryId).collect(Collectors.toMap(Function.identity(), d -> 1, Integer::sum)).values())
                    .containsOnly(1);
        } finally {
            endpoint.stop(0);
        }
    }

    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return expected;
    }
}
