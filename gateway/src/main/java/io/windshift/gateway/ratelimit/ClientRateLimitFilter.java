package io.windshift.gateway.ratelimit;

import io.windshift.gateway.GatewayProperties;
import io.windshift.gateway.web.Problems;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limit per client and route: a token bucket keyed by the token's client id (integration clients)
 * or subject (people), so one noisy caller cannot starve the others. Over the limit: 429 problem+json
 * with {@code Retry-After}. In memory, so each gateway instance counts on its own; with several
 * instances use Spring Cloud Gateway's Redis {@code RequestRateLimiter} (see docs/security.md).
 */
@Component
class ClientRateLimitFilter implements GlobalFilter, Ordered {

    private static final int SWEEP_EVERY = 10_000;

    private final GatewayProperties.RateLimit limits;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final LongSupplier clock;

    @Autowired
    ClientRateLimitFilter(GatewayProperties properties) {
        this(properties.rateLimit(), System::nanoTime);
    }

    ClientRateLimitFilter(GatewayProperties.RateLimit limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        return exchange.getPrincipal()
                .map(ClientRateLimitFilter::clientOf)
                // Open paths (docs) have no token: count them per remote address.
                .defaultIfEmpty(anonymousKey(exchange))
                .flatMap(client -> {
                    TokenBucket.Decision decision = take(routeId, client);
                    exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                            "Rate limit for this client on " + routeId + " exceeded; retry after " + decision.retryAfterSeconds() + " s.");
                });
    }

    TokenBucket.Decision take(String routeId, String client) {
        long now = clock.getAsLong();
        String key = routeId + '\u0000' + client;
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> {
            GatewayProperties.Limit limit = limits.forRoute(routeId);
            if (created.incrementAndGet() % SWEEP_EVERY == 0) {
                sweep(now);
            }
            return new TokenBucket(limit.capacity(), limit.refillPerSecond(), now);
        });
        return bucket.tryTake(now);
    }

    /** Forgets clients whose bucket has filled up again: they are indistinguishable from new ones. */
    private void sweep(long now) {
        buckets.values().removeIf(b -> b.isFull(now));
    }

    private static String anonymousKey(ServerWebExchange exchange) {
        java.net.InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "ip:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }

    static String clientOf(java.security.Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            Object clientId = jwt.getToken().getClaims().get("client_id");
            return clientId != null ? "client:" + clientId : "sub:" + jwt.getToken().getSubject();
        }
        return "name:" + principal.getName();
    }

    @Override
    public int getOrder() {
        // After the correlation id, before the route's circuit breaker and the proxying.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
