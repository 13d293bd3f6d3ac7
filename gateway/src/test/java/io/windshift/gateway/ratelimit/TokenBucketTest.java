package io.windshift.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.gateway.GatewayProperties;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToCapacityPassesThenTheCallerWaitsForTheRefill() {
        TokenBucket bucket = new TokenBucket(3, 0.5, 0);
        assertThat(bucket.tryTake(0).allowed()).isTrue();
        assertThat(bucket.tryTake(0).allowed()).isTrue();
        assertThat(bucket.tryTake(0).remaining()).isZero();
        TokenBucket.Decision refused = bucket.tryTake(0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
        assertThat(bucket.tryTake(SECOND).allowed()).isFalse();
        assertThat(bucket.tryTake(2 * SECOND).allowed()).isTrue();
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        bucket.tryTake(0);
        assertThat(bucket.isFull(3600 * SECOND)).isTrue();
        assertThat(bucket.tryTake(3600 * SECOND).remaining()).isEqualTo(1);
    }

    @Test
    void limitsAreKeptPerRouteAndClientAndARouteMayOverrideTheDefaults() {
        AtomicLong now = new AtomicLong();
        GatewayProperties.RateLimit limits = new GatewayProperties.RateLimit(new GatewayProperties.Limit(2, 1.0),
                Map.of("hr", new GatewayProperties.Limit(4, null)), null, null, null);
        LocalBuckets filter = new LocalBuckets(limits, now::get);

        assertThat(filter.takeNow("api", "sub:a").allowed()).isTrue();
        assertThat(filter.takeNow("api", "sub:a").allowed()).isTrue();
        assertThat(filter.takeNow("api", "sub:a").allowed()).isFalse();
        assertThat(filter.takeNow("api", "sub:b").allowed()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(filter.takeNow("hr", "sub:a").allowed()).isTrue();
        }
        assertThat(filter.takeNow("hr", "sub:a").allowed()).isFalse();
        assertThat(limits.forRoute("hr").refillPerSecond()).isEqualTo(1.0);
    }
}
