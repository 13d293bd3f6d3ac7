package io.windshift.gateway.signin;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway signs browsers in (OpenID Connect, authorization code + PKCE). Locally the launcher points it at the
 * identity-provider component; in production at the company's provider (Entra ID, Okta, Keycloak): issuer URI, client
 * id and secret are all it needs, the rest is discovered.
 *
 * @param issuerUri    the provider's issuer; its {@code /.well-known/openid-configuration} is read on the first sign-in
 * @param clientId     this gateway's client id at the provider
 * @param clientSecret its secret (locally {@code .windshift/keys/client-windshift-console.secret})
 * @param scopes       requested scopes
 * @param secureCookie session and CSRF cookies only over HTTPS (off for plain-HTTP localhost)
 */
@ConfigurationProperties("windshift.gateway.login")
public record LoginProperties(String issuerUri, @DefaultValue("windshift-console") String clientId, String clientSecret,
                              @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
                              @DefaultValue("true") boolean secureCookie) {

    /** The registration id: the callback is {@code /login/oauth2/code/windshift}, the start {@code /oauth2/authorization/windshift}. */
    public static final String REGISTRATION_ID = "windshift";

    public boolean configured() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** scheme://host[:port] of the provider, for the console's CSP (the sign-out form goes there). */
    public String origin() {
        if (!configured()) {
            return "";
        }
        URI uri = URI.create(issuerUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
