package io.windshift.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code windshift.gateway.*}: the web origins allowed by CORS, the per-client rate limits and the request
 * size limits. Rate and size limits have a default and may be set per route id.
 */
@ConfigurationProperties("windshift.gateway")
public record GatewayProperties(Cors cors, RateLimit rateLimit, RequestSize requestSize) {

    public GatewayProperties {
        cors = cors == null ? new Cors(null, null) : cors;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null, null) : rateLimit;
        requestSize = requestSize == null ? new RequestSize(null, null) : requestSize;
    }

    /** Origins of the web front end (e.g. {@code https://windshift.example.com}); none means no cross-origin calls. */
    public record Cors(List<String> allowedOrigins, Duration maxAge) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
            maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        }
    }

    /** A token bucket per (route, client): {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
    public record Limit(Integer capacity, Double refillPerSecond) {
    }

    /**
     * The default and per-route limits, and how many (route, client) buckets are kept at most: a bucket is
     * forgotten once it would be full again (then it is indistinguishable from a new client), or, beyond
     * {@code maxClients}, the least valuable one is evicted. {@code store}: {@code memory} (one instance, the
     * default) or {@code redis} (shared by every gateway instance, at {@code redisUrl}).
     */
    public record RateLimit(Limit defaults, Map<String, Limit> routes, Integer maxClients, String store, java.net.URI redisUrl) {
        public RateLimit {
            defaults = defaults == null ? new Limit(100, 50.0) : defaults;
            routes = routes == null ? Map.of() : routes;
            maxClients = maxClients == null ? 100_000 : maxClients;
            store = store == null || store.isBlank() ? "memory" : store.trim();
            redisUrl = redisUrl == null ? java.net.URI.create("redis://localhost:6379") : redisUrl;
        }

        /** The limit of a route: its own values where set, the defaults otherwise. */
        public Limit forRoute(String routeId) {
            Limit own = routeId == null ? null : routes.get(routeId);
            if (own == null) {
                return defaults;
            }
            return new Limit(own.capacity() != null ? own.capacity() : defaults.capacity(),
                    own.refillPerSecond() != null ? own.refillPerSecond() : defaults.refillPerSecond());
        }
    }

    public record RequestSize(DataSize defaults, Map<String, DataSize> routes) {
        public RequestSize {
            defaults = defaults == null ? DataSize.ofMegabytes(1) : defaults;
            routes = routes == null ? Map.of() : routes;
        }

        public DataSize forRoute(String routeId) {
            return routeId == null ? defaults : routes.getOrDefault(routeId, defaults);
        }
    }
}
