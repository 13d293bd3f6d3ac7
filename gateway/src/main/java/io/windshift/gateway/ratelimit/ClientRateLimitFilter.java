package io.windshift.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.windshift.gateway.GatewayProperties;
import io.windshift.gateway.web.Problems;
import java.net.InetSocketAddress;
import java.security.Principal;
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
 * or subject (people), so one noisy caller cannot starve the others; calls without a token (the API docs)
 * are counted per remote address. Over the limit: 429 problem+json with {@code Retry-After}. In memory, so
 * each gateway instance counts on its own; with several instances use Spring Cloud Gateway's Redis
 * {@code RequestRateLimiter} (see docs/security.md).
 * <p>
 * The buckets live in a Caffeine cache: a bucket is forgotten once it has been idle long enough to be full
 * again (a new bucket for that client is then the same thing), and at most {@code maxClients} are kept, so a
 * flood of distinct clients cannot grow the gateway's memory without bound.
 */
@Component
class ClientRateLimitFilter implements GlobalFilter, Ordered {

    private final GatewayProperties.RateLimit limits;
    private final Cache<Key, TokenBucket> buckets;
    private final LongSupplier clock;

    record Key(String routeId, String client) {
    }

    @Autowired
    ClientRateLimitFilter(GatewayProperties properties) {
        this(properties.rateLimit(), System::nanoTime);
    }

    ClientRateLimitFilter(GatewayProperties.RateLimit limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.maxClients())
                .expireAfter(new IdleUntilFull())
                .ticker(clock::getAsLong)
                // Maintenance (expiry, eviction) runs on the calling thread, amortised: no pool, nothing blocks.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        return exchange.getPrincipal()
                .map(ClientRateLimitFilter::clientOf)
                // Open paths (docs) have no token: count them per remote address.
                .switchIfEmpty(Mono.fromSupplier(() -> anonymousKey(exchange)))
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
        TokenBucket bucket = buckets.get(new Key(routeId, client), key -> {
            GatewayProperties.Limit limit = limits.forRoute(key.routeId());
            return new TokenBucket(limit.capacity(), limit.refillPerSecond(), clock.getAsLong());
        });
        return bucket.tryTake(clock.getAsLong());
    }

    /** How many buckets are kept now, after pending expiry and eviction (for tests and diagnostics). */
    long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** A bucket expires once it has not been used for as long as it takes to fill from empty. */
    private static final class IdleUntilFull implements Expiry<Key, TokenBucket> {
        @Override
        public long expireAfterCreate(Key key, TokenBucket bucket, long currentTime) {
            return bucket.nanosToFillFromEmpty();
        }

        @Override
        public long expireAfterUpdate(Key key, TokenBucket bucket, long currentTime, long currentDuration) {
            return bucket.nanosToFillFromEmpty();
        }

        @Override
        public long expireAfterRead(Key key, TokenBucket bucket, long currentTime, long currentDuration) {
            return bucket.nanosToFillFromEmpty();
        }
    }

    private static String anonymousKey(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "ip:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }

    static String clientOf(Principal principal) {
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
