package io.windshift.gateway.web;

import io.windshift.gateway.GatewayProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a body larger than the route's limit with 413 problem+json before it reaches a service (Spring
 * Cloud Gateway's own {@code RequestSize} answers with an empty body). Like that filter it judges the
 * declared {@code Content-Length}; chunked bodies are bounded by the services' own limits.
 */
@Component
class RequestSizeFilter implements GlobalFilter, Ordered {

    private final GatewayProperties.RequestSize limits;

    RequestSizeFilter(GatewayProperties properties) {
        this.limits = properties.requestSize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length <= 0) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        DataSize max = limits.forRoute(route == null ? null : route.getId());
        if (length <= max.toBytes()) {
            return chain.filter(exchange);
        }
        return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The body has " + length + " bytes; this endpoint accepts at most " + max.toBytes() + ".");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
