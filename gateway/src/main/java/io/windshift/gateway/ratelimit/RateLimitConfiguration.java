package io.windshift.gateway.ratelimit;

import io.windshift.gateway.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Chooses where the rate limit's buckets live: {@code windshift.gateway.rate-limit.store} = memory (default) or redis. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "windshift.gateway.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    RateLimitBuckets localBuckets(GatewayProperties properties) {
        return new LocalBuckets(properties.rateLimit(), System::nanoTime);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "windshift.gateway.rate-limit.store", havingValue = "redis")
    static class Redis {

        /** Its own connection (not Boot's Redis auto-configuration): nothing about Redis exists unless chosen here. */
        @Bean
        LettuceConnectionFactory rateLimitRedis(GatewayProperties properties) {
            java.net.URI url = properties.rateLimit().redisUrl();
            RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(url.getHost(), url.getPort() > 0 ? url.getPort() : 6379);
            if (url.getUserInfo() != null && url.getUserInfo().contains(":")) {
                config.setPassword(url.getUserInfo().substring(url.getUserInfo().indexOf(':') + 1));
            }
            return new LettuceConnectionFactory(config);
        }

        @Bean
        RateLimitBuckets redisBuckets(LettuceConnectionFactory rateLimitRedis, GatewayProperties properties) {
            return new RedisBuckets(new ReactiveStringRedisTemplate(rateLimitRedis), properties.rateLimit());
        }
    }
}
