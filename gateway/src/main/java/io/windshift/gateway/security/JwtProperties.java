package io.windshift.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code windshift.security.jwt.*}: the JWKS URL of the OIDC issuer (production) or a public key file (local). */
@ConfigurationProperties("windshift.security.jwt")
public record JwtProperties(String publicKeyLocation, String jwkSetUri, String issuer, String audience) {

    public JwtProperties {
        issuer = blank(issuer) ? "windshift-local" : issuer;
        audience = blank(audience) ? "windshift" : audience;
        publicKeyLocation = blank(publicKeyLocation) ? null : publicKeyLocation;
        jwkSetUri = blank(jwkSetUri) ? null : jwkSetUri;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
