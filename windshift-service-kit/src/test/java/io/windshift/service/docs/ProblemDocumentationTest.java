package io.windshift.service.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class ProblemDocumentationTest {

    static class Handlers {
        @ApiProblem(status = 404, when = "No alliance with this id visible to the caller.")
        @ApiProblem(status = 409, when = "Over capacity.")
        void withBody() {
        }

        void plainRead() {
        }
    }

    final ProblemDocumentation documentation = new ProblemDocumentation();

    @Test
    void anOperationWithABodyDocumentsEveryCommonProblemAndItsOwnAsProblemJson() throws Exception {
        Operation operation = new Operation().requestBody(new RequestBody().content(new Content()))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK"))
                        .addApiResponse("500", new ApiResponse().description("derived from the controller advice")));
        documentation.customize(operation, handler("withBody"));

        assertThat(operation.getResponses().keySet()).containsExactly("200", "400", "401", "403", "404", "409", "413", "429", "503");
        assertThat(operation.getResponses().get("404").getDescription()).isEqualTo("No alliance with this id visible to the caller.");
        for (String status : List.of("400", "401", "403", "404", "409", "413", "429", "503")) {
            var media = operation.getResponses().get(status).getContent().get("application/problem+json");
            assertThat(media.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
            assertThat(((Map<?, ?>) media.getExample()).get("status")).isEqualTo(Integer.parseInt(status));
        }
        assertThat(operation.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(operation.getResponses().get("401").getHeaders()).containsKey("WWW-Authenticate");
    }

    @Test
    void aReadWithOnlyAFreeTextPathIdCannotBeBadInputAndHasNoBodyToBeTooLarge() throws Exception {
        Operation operation = new Operation().parameters(List.of(new Parameter().in("path").name("id").schema(new Schema<String>().type("string"))))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
        documentation.customize(operation, handler("plainRead"));
        assertThat(operation.getResponses().keySet()).containsExactly("200", "401", "403", "429", "503");

        Operation query = new Operation().parameters(List.of(new Parameter().in("query").name("size")))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
        documentation.customize(query, handler("plainRead"));
        assertThat(query.getResponses()).containsKey("400").doesNotContainKey("413");
    }

    @Test
    void theDocumentGetsTheProblemSchemaAndEverySchemaAnExampleThatFitsIt() {
        OpenAPI openApi = new OpenAPI().components(new Components().addSchemas("Assign", new Schema<>().type("object")
                .addProperty("personId", new Schema<String>().type("string"))
                .addProperty("code", new Schema<String>().type("string").pattern("^[A-Z][A-Z0-9_-]*$"))
                .addProperty("amount", new Schema<>().type("number"))));
        documentation.customise(openApi);
        new SchemaExamples().customise(openApi);
        assertThat(openApi.getComponents().getSchemas()).containsKeys("Problem", "FieldProblem");
        assertThat(openApi.getComponents().getSchemas().get("Assign").getExample())
                .isEqualTo(Map.of("personId", "p-1042", "code", "JSC", "amount", new java.math.BigDecimal("2500000.00")));
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
    }
}
