package io.windshift.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    /** Stands in for the full verification: accepts tokens registered here (with their claims' times), refuses others. */
    final Map<String, Jwt> good = new ConcurrentHashMap<>();
    final AtomicInteger verifications = new AtomicInteger();
    final ReactiveJwtDecoder full = token -> {
        verifications.incrementAndGet();
        Jwt jwt = good.get(token);
        if (jwt == null) {
            return Mono.error(new BadJwtException("signature"));
        }
        if (jwt.getExpiresAt() != null && clock.instant().isAfter(jwt.getExpiresAt().plusSeconds(60))) {
            return Mono.error(new BadJwtException("expired"));
        }
        return Mono.just(jwt);
    };
    final VerifiedTokenCache cache = new VerifiedTokenCache(full, 100, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsVerifiedOnceAndTheSameStringIsThenAnsweredFromMemory() {
        register("a.b.c", T0.plusSeconds(600));
        Jwt first = cache.decode("a.b.c").block();
        Jwt second = cache.decode("a.b.c").block();
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusalsAreNeverRememberedAndAnyOtherStringIsVerifiedInFull() {
        register("a.b.c", T0.plusSeconds(600));
        cache.decode("a.b.c").block();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("a.b.C").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(4);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        register("a.b.c", T0.plusSeconds(120));
        cache.decode("a.b.c").block();
        clock.set(T0.plusSeconds(100));
        assertThat(cache.decode("a.b.c").block()).isNotNull();
        assertThat(verifications).hasValue(1); // from memory
        clock.set(T0.plusSeconds(120 + 30)); // within the 60 s clock skew: still valid (the entry itself lasts until exp)
        assertThat(cache.decode("a.b.c").block()).isNotNull();

        clock.set(T0.plusSeconds(120 + 61));
        assertThatThrownBy(() -> cache.decode("a.b.c").block()).isInstanceOf(BadJwtException.class).hasMessage("expired");
        assertThatThrownBy(() -> cache.decode("a.b.c").block()).isInstanceOf(BadJwtException.class).hasMessage("expired");
    }

    @Test
    void entriesLastAtMostTheMaximumTimeToLiveAndTheCacheIsBounded() {
        register("long.lived.token", T0.plusSeconds(3600));
        cache.decode("long.lived.token").block();
        clock.set(T0.plusSeconds(5 * 60 + 2));
        cache.decode("long.lived.token").block();
        assertThat(verifications).hasValue(2);

        for (int i = 0; i < 1000; i++) {
            register("t." + i + ".s", T0.plusSeconds(3600));
            cache.decode("t." + i + ".s").block();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    private void register(String token, Instant expiresAt) {
        good.put(token, Jwt.withTokenValue(token).header("alg", "RS256").subject("p-1").issuedAt(T0).notBefore(T0)
                .expiresAt(expiresAt).build());
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
