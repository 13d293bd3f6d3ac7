package io.windshift.identity.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.windshift.identity.IdentityProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;

/**
 * Tokens are signed with the local key pair of {@code ./windshift token} ({@code .windshift/keys/jwt-private.pem},
 * {@code jwt-public.pem}, kid {@code windshift-local}): the services keep verifying with the public key file they already
 * have, and tokens from either source look alike to them.
 */
@Configuration(proxyBeanMethods = false)
class SigningKey {

    static final String KEY_ID = "windshift-local";

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        Path keys = properties.keys();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) read(keys.resolve("jwt-public.pem"), "PUBLIC KEY"))
                .privateKey((RSAPrivateKey) read(keys.resolve("jwt-private.pem"), "PRIVATE KEY"))
                .keyID(KEY_ID).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Verifies the provider's own access tokens at its userinfo endpoint. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    static java.security.Key read(Path file, String type) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(pem);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return type.equals("PUBLIC KEY") ? rsa.generatePublic(new X509EncodedKeySpec(der)) : rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the signing key " + file + " (./windshift token --init creates the local pair)", e);
        }
    }
}
