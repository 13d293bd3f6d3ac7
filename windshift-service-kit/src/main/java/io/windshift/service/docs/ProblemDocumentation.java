package io.windshift.service.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the problem responses once for every operation of a service, so an integrator sees every answer a
 * call can give without reading the code: 400 for any operation that takes input (the {@code errors} member names
 * each field), 401, 403, 429 and 503 for all (the gateway and the service both answer them), 413 for operations
 * with a body. Operation-specific problems (404, 409, ...) come from {@link ApiProblem} on the controller method.
 * Every one is {@code application/problem+json} with the RFC 9457 {@value #SCHEMA} schema and an example.
 */
public final class ProblemDocumentation implements OperationCustomizer, OpenApiCustomizer {

    public static final String SCHEMA = "Problem";
    static final String FIELD_SCHEMA = "FieldProblem";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<Integer, Common> COMMON = Map.of(
            400, new Common("Bad Request", "The request is invalid: a parameter or a body field is missing, malformed or out of range; "
                    + "`errors` names each field. Nothing was changed.", "Invalid request", "'size' must be less than or equal to 200"),
            401, new Common("Unauthorized", "No bearer token, or one that is expired, not signed by the trusted issuer or for another "
                    + "audience. The response carries `WWW-Authenticate: Bearer`.", "Unauthorized", "A valid bearer token is required."),
            403, new Common("Forbidden", "The token is valid but its roles or scopes do not allow this call.", "Forbidden",
                    "The token does not allow this call."),
            404, new Common("Not Found", "Nothing with this id is visible to the caller.", "Not found", "No alliance a-1 visible to you"),
            409, new Common("Conflict", "The resource is in a state that does not allow this change.", "Conflict",
                    "The resource changed while this request was processed; read it again and retry."),
            413, new Common("Content Too Large", "The body is larger than the route allows (1 MB; 2 MB for HR and finance event "
                    + "batches). Nothing was read.", "Request body too large", "The request body exceeds 1048576 bytes."),
            429, new Common("Too Many Requests", "The client's rate limit is used up. Retry after the number of seconds in "
                    + "`Retry-After`.", "Too many requests", "Rate limit exceeded; retry after 1 s."),
            503, new Common("Service Unavailable", "The service (or its event broker) is unavailable and nothing was accepted. "
                    + "Retry after the number of seconds in `Retry-After`.", "Service unavailable",
                    "alliance-service is unavailable; retry later."));

    private record Common(String reason, String description, String title, String detail) {
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // Springdoc derives generic entries from the controller advice; replace them by the documented ones.
        responses.keySet().removeIf(code -> code.startsWith("4") || code.startsWith("5"));
        Map<Integer, String> problems = new TreeMap<>();
        boolean hasInput = operation.getRequestBody() != null || (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(ProblemDocumentation::mayBeInvalid));
        if (hasInput) {
            problems.put(400, COMMON.get(400).description());
        }
        for (int status : List.of(401, 403, 429, 503)) {
            problems.put(status, COMMON.get(status).description());
        }
        if (operation.getRequestBody() != null) {
            problems.put(413, COMMON.get(413).description());
        }
        for (ApiProblem problem : AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(), ApiProblem.class)) {
            problems.put(problem.status(), problem.when());
        }
        problems.forEach((status, when) -> responses.addApiResponse(Integer.toString(status), response(status, when)));
        operation.setResponses(sorted(responses));
        return operation;
    }

    /** A query parameter, or a path segment that must be one of a set (a role, a state): a free-text id cannot be invalid. */
    private static boolean mayBeInvalid(io.swagger.v3.oas.models.parameters.Parameter parameter) {
        return !"path".equals(parameter.getIn()) || (parameter.getSchema() != null
                && (parameter.getSchema().getEnum() != null || parameter.getSchema().get$ref() != null));
    }

    /** The shared schemas, once per document. */
    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        components.addSchemas(SCHEMA, problemSchema());
        components.addSchemas(FIELD_SCHEMA, object("One invalid input: the field (a JSON path into the body, or a parameter name) and what is wrong with it.")
                .addRequiredItem("field").addRequiredItem("message")
                .addProperty("field", string("The body field or parameter, e.g. `team[0].personId` or `size`.", "team[0].personId"))
                .addProperty("message", string("What is wrong with it.", "must not be blank")));
        openApi.setComponents(components);
    }

    private static ApiResponse response(int status, String when) {
        Common common = COMMON.getOrDefault(status, new Common(reason(status), when, reason(status), when));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", common.title());
        example.put("status", status);
        example.put("detail", common.detail());
        if (status == 400) {
            example.put("errors", List.of(Map.of("field", "size", "message", "must be less than or equal to 200")));
        }
        ApiResponse response = new ApiResponse().description(when)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)).example(example)));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
                    .schema(typed(new Schema<Integer>(), "integer").format("int32").example(10)));
        }
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("The bearer challenge.")
                    .schema(string(null, "Bearer")));
        }
        return response;
    }

    private static String reason(int status) {
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        return known == null ? "Problem" : known.getReasonPhrase();
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses ordered = new ApiResponses();
        new TreeMap<>(responses).forEach(ordered::addApiResponse);
        if (responses.getExtensions() != null) {
            ordered.setExtensions(responses.getExtensions());
        }
        return ordered;
    }

    private static Schema<Object> problemSchema() {
        Schema<Object> errors = typed(new Schema<>(), "array").description("On 400: each invalid field and why.");
        errors.setItems(new Schema<>().$ref("#/components/schemas/" + FIELD_SCHEMA));
        return object("An RFC 9457 problem detail (`application/problem+json`). Extra members may follow, such as `errors` on 400 "
                + "or `state` on a 409 about a closed action.")
                .addRequiredItem("title").addRequiredItem("status")
                .addProperty("type", string("A URI reference that identifies the problem type; `about:blank` when the status says it all.",
                        "about:blank").format("uri-reference"))
                .addProperty("title", string("A short summary of the problem type.", "Invalid request"))
                .addProperty("status", typed(new Schema<Integer>(), "integer").format("int32").description("The HTTP status code.").example(400))
                .addProperty("detail", string("What went wrong with this request, in plain words.", "'size' must be less than or equal to 200"))
                .addProperty("instance", string("The path of the request.", "/api/v1/alliances").format("uri-reference"))
                .addProperty("errors", errors);
    }

    private static Schema<Object> object(String description) {
        return typed(new Schema<>(), "object").description(description);
    }

    private static Schema<String> string(String description, String example) {
        Schema<String> schema = typed(new Schema<String>(), "string").example(example);
        return description == null ? schema : schema.description(description);
    }

    /** Sets the type for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) alike. */
    private static <T> Schema<T> typed(Schema<T> schema, String type) {
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }
}
