package io.windshift.alliance.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.windshift.alliance.AllianceServiceIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's OpenAPI document explains every operation: summary, description, and the problem responses each
 * can give; every schema has an example. Written to target/openapi/ (contract-lint/lint.sh lints it there; the gateway-level lint is in the
 * end-to-end tests).
 */
class OpenApiDocumentIT extends AllianceServiceIntegrationTest {

    @Test
    void everyOperationHasASummaryADescriptionAndItsProblemResponses() throws Exception {
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        Path out = Path.of("target/openapi/alliance-service.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, body);

        JsonNode document = JsonMapper.builder().build().readTree(body);
        JsonNode paths = document.get("paths");
        List<String> shortfalls = new ArrayList<>();
        for (var schema : document.get("components").get("schemas").properties()) {
            if (!schema.getValue().has("example")) {
                shortfalls.add("schema " + schema.getKey() + " has no example");
            }
        }
        int operations = 0;
        for (var path : paths.properties()) {
            for (var method : path.getValue().properties()) {
                operations++;
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = method.getValue();
                for (String member : List.of("summary", "description", "operationId")) {
                    if (!operation.hasNonNull(member) || operation.get(member).asString().isBlank()) {
                        shortfalls.add(name + " has no " + member);
                    }
                }
                for (String status : List.of("401", "403", "429", "503")) {
                    if (!operation.get("responses").has(status)) {
                        shortfalls.add(name + " does not document " + status);
                    }
                }
            }
        }
        assertThat(shortfalls).isEmpty();
        assertThat(operations).isGreaterThanOrEqualTo(15);
    }
}
