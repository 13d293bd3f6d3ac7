package io.windshift.service.web;

import io.windshift.messaging.publish.BrokerUnavailableException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error as RFC 9457 problem+json. Bad input is a 4xx that names the field ({@code errors:
 * [{field, message}]}), never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    /** A restarted store (the local platform's, a replica set's election) answers again within seconds. */
    private static final long STORE_RETRY_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(jakarta.validation.ConstraintViolationException e) {
        return badRequest(e.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return new FieldProblem(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                })
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage()));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> concurrentUpdate(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Concurrent update",
                "The resource changed while this request was processed; read it again and retry."));
    }

    /** The broker is away and nothing of the request was published: the client retries after the hint. */
    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
        log.warn("Refused a request while the broker is unavailable: {}", e.getMessage());
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Event broker unavailable",
                        "Nothing of this request was accepted; send it again after " + seconds + " s."));
    }

    /**
     * The store did not answer (restarting, unreachable, out of connections): a 503 with a retry hint, not a 500. The
     * driver's own exceptions come from direct collection calls; MongoTemplate's arrive translated.
     */
    @ExceptionHandler({com.mongodb.MongoSocketException.class, com.mongodb.MongoTimeoutException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e) {
        log.warn("Refused a request while the store is unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
                        "The service's database did not answer; send the request again after " + STORE_RETRY_SECONDS + " s."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "Forbidden", "The token does not allow this call."));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return ResponseEntity.badRequest().body(badRequestProblem(List.of(
                new FieldProblem(field == null ? "parameter" : field, "has an invalid value '" + e.getValue() + "'"))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(badRequestProblem(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        // A @Valid body checked with a constrained path variable: name the body's field, not the parameter.
                        .map(err -> new FieldProblem(err instanceof FieldError f ? f.getField() : r.getMethodParameter().getParameterName(),
                                err.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(badRequestProblem(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        FieldProblem problem = new FieldProblem("body", "is not valid JSON");
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            problem = new FieldProblem(JsonPaths.of(databind.getPath()), JsonProblems.describe(databind));
        } else if (cause instanceof DatabindException databind) {
            problem = new FieldProblem("body", JsonProblems.describe(databind));
        } else if (cause instanceof JacksonException jackson) {
            problem = new FieldProblem("body", "is not valid JSON: " + JsonProblems.withoutClassNames(jackson.getOriginalMessage()));
        }
        return ResponseEntity.badRequest().body(badRequestProblem(List.of(problem)));
    }

    /** The security firewall refuses a request while a controller reads it (e.g. a form body with odd parameter names). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return badRequest("body", "is malformed for this content type; send application/json");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong on our side; it has been logged."));
    }

    /** 400 problem+json naming one field, for handlers that translate their own domain exceptions. */
    public static ResponseEntity<ProblemDetail> badRequest(String field, String message) {
        return badRequest(List.of(new FieldProblem(field, message)));
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> problems) {
        return ResponseEntity.badRequest().body(badRequestProblem(problems));
    }

    static ProblemDetail badRequestProblem(List<FieldProblem> problems) {
        String detail = problems.stream().map(p -> "'" + p.field() + "' " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
