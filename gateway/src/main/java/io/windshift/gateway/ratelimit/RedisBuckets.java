package io.windshift.gateway.ratelimit;

import io.windshift.gateway.GatewayProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every gateway instance: one hash per (route, client) with the tokens left and
 * when they were counted, updated by one Lua script, so the take is atomic across instances and uses Redis's clock
 * (the gateways' clocks may differ). A bucket expires once it would be full again. If Redis cannot be reached the
 * request is let through (and logged): the limit protects the services, it must not take the front door down.
 */
final class RedisBuckets implements RateLimitBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    /** KEYS[1] the bucket; ARGV capacity, refill per second. Returns {allowed 0/1, tokens left, retry-after seconds}. */
    private static final RedisScript<List> TAKE = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
            local retry = 0
            if allowed == 0 then
              retry = math.ceil((1 - tokens) / rate)
            end
            return {allowed, math.floor(tokens), retry}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final GatewayProperties.RateLimit limits;

    RedisBuckets(ReactiveStringRedisTemplate redis, GatewayProperties.RateLimit limits) {
        this.redis = redis;
        this.limits = limits;
    }

    @Override
    public Mono<TokenBucket.Decision> take(String routeId, String client) {
        GatewayProperties.Limit limit = limits.forRoute(routeId);
        return redis.execute(TAKE, List.of("windshift:rate:" + routeId + ":" + client),
                        List.of(Integer.toString(limit.capacity()), Double.toString(limit.refillPerSecond())))
                .next()
                .map(reply -> new TokenBucket.Decision(number(reply, 0) == 1, number(reply, 1), Math.max(1, number(reply, 2))))
                .onErrorResume(e -> {
                    log.warn("rate limit store unavailable, letting the request through: {}", e.toString());
                    return Mono.just(new TokenBucket.Decision(true, -1, 0));
                });
    }

    private static long number(List<?> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }
}
