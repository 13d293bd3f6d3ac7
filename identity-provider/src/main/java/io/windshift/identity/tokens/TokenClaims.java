package io.windshift.identity.tokens;

import io.windshift.identity.IdentityProperties;
import io.windshift.identity.people.People;
import io.windshift.identity.people.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What the tokens say, in the services' terms. Access tokens: {@code iss} the services' trust domain
 * ({@code windshift-local}, as {@code ./windshift token}), {@code aud windshift}; a person's carry {@code sub} = person id
 * and the {@code roles} of the local mapping; an integration client's carry {@code client_id} and {@code scope}. ID tokens
 * (for the gateway) keep the provider's own issuer and add {@code name}, {@code email} and {@code roles}.
 */
@Configuration(proxyBeanMethods = false)
class TokenClaims {

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> windshiftClaims(IdentityProperties properties, People people) {
        return context -> {
            boolean client = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().issuer(properties.accessTokenIssuer()).audience(List.of(properties.audience()));
                if (client) {
                    context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
                } else {
                    people.find(context.getPrincipal().getName()).ifPresent(p -> context.getClaims().claims(c -> personClaims(p, c)));
                }
            } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                people.find(context.getPrincipal().getName()).ifPresent(p -> context.getClaims().claims(c -> personClaims(p, c)));
            }
        };
    }

    static void personClaims(Person person, Map<String, Object> claims) {
        claims.put("roles", person.roles());
        claims.put("name", person.name());
        if (person.email() != null) {
            claims.put("email", person.email());
        }
    }

    /** The userinfo endpoint answers from the local mapping too. */
    static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context, People people) {
        String id = context.getAuthorization().getPrincipalName();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", id);
        people.find(id).ifPresent(p -> personClaims(p, claims));
        return new OidcUserInfo(claims);
    }
}
