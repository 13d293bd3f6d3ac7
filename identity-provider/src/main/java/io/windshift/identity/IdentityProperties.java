package io.windshift.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer            the provider's own issuer URL (discovery, ID tokens), e.g. http://localhost:8084
 * @param accessTokenIssuer {@code iss} of access tokens: the services' trust domain, the same as {@code ./windshift token}
 * @param audience          {@code aud} of access tokens
 * @param keys              where the signing key pair and the client secrets live ({@code .windshift/keys})
 * @param state             where the people and their roles are kept ({@code .windshift/identity})
 * @param console           the gateway's sign-in client (authorization code + PKCE)
 * @param clients           integration clients (client credentials): id to scopes
 */
@ConfigurationProperties("windshift.identity")
public record IdentityProperties(String issuer, @DefaultValue("windshift-local") String accessTokenIssuer,
                                 @DefaultValue("windshift") String audience, Path keys, Path state,
                                 @DefaultValue("10m") Duration accessTokenTtl, Console console,
                                 @DefaultValue Map<String, List<String>> clients) {

    /**
     * @param clientId               the gateway's client id
     * @param redirectUris           where the provider may send the code (the gateway's /login/oauth2/code/windshift)
     * @param postLogoutRedirectUris where the provider may send the browser after sign-out
     */
    public record Console(@DefaultValue("windshift-console") String clientId, List<String> redirectUris,
                          List<String> postLogoutRedirectUris) {
    }
}
