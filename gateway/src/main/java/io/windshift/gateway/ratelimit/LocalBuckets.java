package io.windshift.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.windshift.gateway.GatewayProperties;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * The single-instance default: a token bucket per (route, client) in this gateway's memory. The buckets live in a
 * Caffeine cache: a bucket is forgotten once it has been idle long enough to be full again (a new bucket for that
 * client is then the same thing), and at most {@code maxClients} are kept, so a flood of distinct clients cannot
 * grow the gateway's memory without bound.
 */
final class LocalBuckets implements RateLimitBuckets {

    private final GatewayProperties.RateLimit limits;
    private final Cache<Key, TokenBucket> buckets;
    private final LongSupplier clock;

    record Key(String routeId, String client) {
    }

    LocalBuckets(GatewayProperties.RateLimit limits, LongSupplier clock) {
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
    public Mono<TokenBucket.Decision> take(String routeId, String client) {
        return Mono.just(takeNow(routeId, client));
    }

    TokenBucket.Decision takeNow(String routeId, String client) {
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
}
