package io.windshift.gateway;

import io.windshift.local.LocalTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Real RS256 tokens from the local issuer's code, and every kind of bad token an attacker could try. */
final class TestTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final Path dir;
    final KeyPair keys;
    private final KeyPair stranger;

    TestTokens() {
        try {
            dir = Files.createTempDirectory("gateway-keys");
            keys = LocalTokens.ensureKeyPair(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            stranger = generator.generateKeyPair();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyLocation() {
        return "file:" + dir.resolve(LocalTokens.PUBLIC_KEY_FILE).toAbsolutePath();
    }

    Map<String, Object> claims(String subject) {
        return LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 600);
    }

    String valid(String subject) {
        return LocalTokens.sign(keys.getPrivate(), claims(subject));
    }

    String client(String clientId, String scope) {
        return LocalTokens.sign(keys.getPrivate(), LocalTokens.clientClaims(clientId, List.of(scope), LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 600));
    }

    String signed(Map<String, Object> claims) {
        return LocalTokens.sign(keys.getPrivate(), claims);
    }

    String expired(String subject) {
        return signed(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now().minusSeconds(7200), 600));
    }

    String notYetValid(String subject) {
        return signed(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now().plusSeconds(3600), 600));
    }

    String wrongIssuer(String subject) {
        return signed(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, "https://evil.example",
                LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 600));
    }

    String wrongAudience(String subject) {
        return signed(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER,
                "another-api", Instant.now(), 600));
    }

    String signedByStranger(String subject) {
        return LocalTokens.sign(stranger.getPrivate(), claims(subject));
    }

    /** A valid token whose payload was edited afterwards (roles widened), keeping the old signature. */
    String tampered(String subject) {
        String[] parts = LocalTokens.sign(keys.getPrivate(), LocalTokens.personClaims(subject, List.of("EMPLOYEE"), null,
                LocalTokens.DEFAULT_ISSUER, LocalTokens.DEFAULT_AUDIENCE, Instant.now(), 600)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("EMPLOYEE", "ALLIANCE_ADMIN");
        return parts[0] + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** {@code alg: none}: a valid payload with no signature at all. */
    String algNone(String subject) {
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = valid(subject).split("\\.");
        return header + "." + parts[1] + ".";
    }

    /** Algorithm confusion: HS256 keyed with the public key's bytes (works against verifiers that trust the header). */
    String hmacWithPublicKey(String subject) {
        try {
            String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = valid(subject).split("\\.")[1];
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readAllBytes(dir.resolve(LocalTokens.PUBLIC_KEY_FILE)), "HmacSHA256"));
            String input = header + "." + payload;
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
