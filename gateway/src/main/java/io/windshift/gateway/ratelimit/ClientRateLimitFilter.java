package io.windshift.gateway.ratelimit;

import io.windshift.gateway.web.Problems;
import java.net.InetSocketAddress;
import java.security.Principal;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Rate limit per client and route: a token bucket keyed by the token's client id (integration clients)
 * or subject (people), so one noisy caller cannot starve the others; calls without a token (the API docs)
 * are counted per remote address. Over the limit: 429 problem+json with {@code Retry-After}. The buckets are
 * in this instance's memory by default ({@link LocalBuckets}); with several gateway instances they are shared
 * in Redis ({@link RedisBuckets}, {@code windshift.gateway.rate-limit.store=redis}), so the limit holds across them.
 */
@Component
class ClientRateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimitBuckets buckets;

    ClientRateLimitFilter(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        return exchange.getPrincipal()
                .map(ClientRateLimitFilter::clientOf)
                // Open paths (docs) have no token: count them per remote address.
                .switchIfEmpty(Mono.fromSupplier(() -> anonymousKey(exchange)))
                .flatMap(client -> buckets.take(routeId, client))
                .flatMap(decision -> {
                    exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                            "Rate limit for this client on " + routeId + " exceeded; retry after " + decision.retryAfterSeconds() + " s.");
                });
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
        if (principal instanceof OAuth2AuthenticationToken session) {
            // A signed-in browser: its person, the same bucket as that person's bearer tokens.
            return "sub:" + session.getName();
        }
        return "name:" + principal.getName();
    }

    @Override
    public int getOrder() {
        // After the correlation id, before the route's circuit breaker and the proxying.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
