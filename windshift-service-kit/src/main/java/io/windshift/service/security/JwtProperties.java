package io.windshift.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code windshift.security.jwt.*}: who signs the tokens this service trusts. Locally a public key file
 * written by {@code ./windshift token}; in production the OIDC issuer's JWKS URL (which wins if set).
 */
@ConfigurationProperties("windshift.security.jwt")
public record JwtProperties(String publicKeyLocation, String jwkSetUri, String issuer, String audience) {

    public JwtProperties {
        issuer = blankToNull(issuer) == null ? "windshift-local" : issuer;
        audience = blankToNull(audience) == null ? "windshift" : audience;
        publicKeyLocation = blankToNull(publicKeyLocation);
        jwkSetUri = blankToNull(jwkSetUri);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
