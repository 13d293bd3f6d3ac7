package io.windshift.gateway.tracing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id (the caller's, if well-formed) and returns it in the response.
 * The W3C {@code traceparent} is propagated by the gateway's tracing instrumentation.
 */
@Component
class CorrelationIdFilter implements GlobalFilter, Ordered {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CorrelationIdFilter.class);

    static final String HEADER = "X-Correlation-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String supplied = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId = supplied != null && SAFE.matcher(supplied).matches() ? supplied : randomId();
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> h.set(HEADER, correlationId)).build();
        exchange.getResponse().getHeaders().set(HEADER, correlationId);
        long started = System.nanoTime();
        Mono<Void> proxied = chain.filter(exchange.mutate().request(request).build());
        if (!log.isInfoEnabled()) {
            return proxied;
        }
        // Access log with the request's trace id, taken from the server observation itself: context propagation is
        // "limited" (automatic propagation into every operator cost a third of the gateway's allocations).
        return proxied.doFinally(signal -> log.info("{} {} -> {} in {} ms (correlation {}, trace {})", request.getMethod(), request.getPath().value(),
                exchange.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000, correlationId, traceId(exchange)));
    }

    static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> {
                    TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
                    return tracing == null || tracing.getSpan() == null ? null : tracing.getSpan().context().traceId();
                })
                .orElse("-");
    }

    /**
     * A random (version 4) UUID from a thread-local generator: a correlation id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws on the shared SecureRandom for every request.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
