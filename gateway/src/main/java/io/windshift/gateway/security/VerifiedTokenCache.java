package io.windshift.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each distinct token once: a token the delegate accepted (signature, algorithm, issuer, audience,
 * expiry, not-before) is kept by its exact string, and the same string later is answered from memory after
 * checking {@code exp} and {@code nbf} against the clock again. Safe because a token is immutable: any other
 * string, including one differing in a single byte of its signature, is a miss and is verified in full.
 * Refusals are never cached, so a bad token is refused by the full checks every time.
 * <p>
 * Bounded: at most {@code maxEntries} tokens, each for its remaining lifetime but never longer than
 * {@code maxTimeToLive} (which also bounds how long a token signed by a key later removed from the JWKS is
 * still accepted by this gateway; every service verifies the token again on its own).
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Clock clock;
    private final Duration maxTimeToLive;

    VerifiedTokenCache(ReactiveJwtDecoder delegate, long maxEntries, Duration maxTimeToLive, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxTimeToLive = maxTimeToLive;
        JwtTimestampValidator timestampValidator = new JwtTimestampValidator(); // the same 60 s skew as the full checks
        timestampValidator.setClock(clock);
        this.timestamps = timestampValidator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> timeToLive(jwt)))
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        Instant now = clock.instant();
                        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!timestamps.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            // Expired (or the clock went back before nbf): forget it and let the full checks refuse it.
            verified.invalidate(token);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Duration timeToLive(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return maxTimeToLive;
        }
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        if (remaining.isNegative()) {
            return Duration.ZERO;
        }
        return remaining.compareTo(maxTimeToLive) < 0 ? remaining : maxTimeToLive;
    }
}
