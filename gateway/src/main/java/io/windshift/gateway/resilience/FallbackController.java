package io.windshift.gateway.resilience;

import java.util.Set;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Where an open circuit or a failed downstream call lands: 503 problem+json naming the service. */
@RestController
class FallbackController {

    private static final Set<String> SERVICES = Set.of("alliance-service", "obligation-service", "notification-service");

    @RequestMapping("/fallback/{service}")
    ResponseEntity<ProblemDetail> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        String name = SERVICES.contains(service) ? service : "upstream service";
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                name + " is unavailable right now; retry later." + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        problem.setTitle("Service unavailable");
        problem.setProperty("service", name);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", "10").body(problem);
    }
}
