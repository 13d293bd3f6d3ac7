package io.windshift.gateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import io.windshift.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * Authentication at the front door: every API call needs a valid RS256 token, as a bearer token or through a signed-in
 * browser session whose token the gateway relays (expiry, not-before,
 * issuer and audience checked; {@code alg: none} and HMAC refused). Services check the same token again
 * and decide what the caller may see.
 */
@Configuration
@EnableWebFluxSecurity
class GatewaySecurity {

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder;
        if (properties.jwkSetUri() != null) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (properties.publicKeyLocation() != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(readPublicKey(properties.publicKeyLocation()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            throw new IllegalStateException("Set windshift.security.jwt.jwk-set-uri (production) or "
                    + "windshift.security.jwt.public-key-location (local, written by ./windshift token)");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience()))));
        // RS256 verification was the largest share of the gateway's CPU (docs/benchmarks.md): verify each distinct
        // token once, re-check its expiry and not-before on every use, never remember a refusal.
        return new VerifiedTokenCache(decoder, VERIFIED_TOKENS, VERIFIED_TOKEN_MAX_TTL, Clock.systemUTC());
    }

    /** How many verified tokens the gateway remembers at most, and for how long at most (also capped by each token's expiry). */
    static final long VERIFIED_TOKENS = 10_000;
    static final Duration VERIFIED_TOKEN_MAX_TTL = Duration.ofMinutes(5);

    /** Reachable without a token: probes, metrics and the API documentation (which holds no data). */
    static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**", "/v3/api-docs/swagger-config", "/api-docs/*"};

    /**
     * Requests with an {@code Authorization} header: API clients, exactly as before the sign-in existed (bearer token,
     * stateless, no CSRF, no session). Everything else is the browser's ({@link BrowserSessionSecurity}).
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http, GatewayProperties properties) {
        ProblemResponses problems = new ProblemResponses();
        return http
                .securityMatcher(GatewaySecurity::hasAuthorizationHeader)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll()
                        .anyExchange().authenticated())
                .cors(cors -> cors.configurationSource(corsSource(properties.cors())))
                // Written by SecurityHeadersFilter, on every response including proxied ones.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> Mono.just(authenticate(token))))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // Stateless: a bearer token on every request, no session. The default repository looked the security
                // context up in a WebSession, creating one per request on two other thread pools (see docs/benchmarks.md).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Likewise no saved-request cache (it read the WebSession on every request): an API has no login page to return from.
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }

    static Mono<ServerWebExchangeMatcher.MatchResult> hasAuthorizationHeader(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /** Browsers of the configured web origins may call the API with a bearer token (no cookies, no credentials). */
    static CorsConfigurationSource corsSource(GatewayProperties.Cors cors) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Correlation-Id", "traceparent", "tracestate"));
        config.setExposedHeaders(List.of("Location", "X-Correlation-Id", "Retry-After", "X-RateLimit-Remaining", "traceparent"));
        config.setAllowCredentials(false);
        config.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    static JwtAuthenticationToken authenticate(Jwt jwt) {
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        if (jwt.getClaim("roles") instanceof Collection<?> roles) {
            roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        }
        Object scope = jwt.getClaim("scope");
        if (scope instanceof String text) {
            for (String s : text.trim().split("\\s+")) {
                if (!s.isBlank()) {
                    authorities.add(new SimpleGrantedAuthority("SCOPE_" + s));
                }
            }
        } else if (scope instanceof Collection<?> scopes) {
            scopes.forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    static RSAPublicKey readPublicKey(String location) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the token-signing public key at " + location
                    + " (run ./windshift token --init to create the local key pair)", e);
        }
    }

}
