package io.windshift.gateway.signin;

import java.time.Duration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one client registration, built from the provider's discovery document on first use rather than at start-up:
 * the gateway (and its API clients) must not depend on the provider being up first. A failed discovery is retried on
 * the next sign-in; a successful one is kept.
 */
final class DiscoveredClientRegistrations implements ReactiveClientRegistrationRepository {

    private final Mono<ClientRegistration> registration;

    DiscoveredClientRegistrations(LoginProperties properties) {
        this.registration = Mono.fromCallable(() -> discover(properties))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(10))
                .cache(ok -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    static ClientRegistration discover(LoginProperties properties) {
        if (!properties.configured()) {
            throw new IllegalStateException("Sign-in is not configured: set windshift.gateway.login.issuer-uri (WINDSHIFT_LOGIN_ISSUER_URI)");
        }
        return ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(LoginProperties.REGISTRATION_ID)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(properties.scopes())
                .userNameAttributeName("sub")
                .build();
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
        return LoginProperties.REGISTRATION_ID.equals(registrationId) ? registration : Mono.empty();
    }
}
