package io.windshift.e2e;

import io.windshift.local.LocalTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Real RS256 tokens, signed by the same code as {@code ./windshift token}, with a key made for this run. */
final class Tokens {

    private final KeyPair keys;
    private final Path dir;

    Tokens(Path dir) throws IOException {
        this.dir = dir;
        this.keys = LocalTokens.ensureKeyPair(dir);
    }

    Path publicKey() {
        return dir.resolve(LocalTokens.PUBLIC_KEY_FILE);
    }

    String person(String subject, String... roles) {
        return sign(LocalTokens.personClaims(subject, List.of(roles), null, LocalTokens.DEFAULT_ISSUER, LocalTokens.DEFAULT_AUDIENCE,
                Instant.now(), 600));
    }

    String client(String clientId, String... scopes) {
        return sign(LocalTokens.clientClaims(clientId, List.of(scopes), LocalTokens.DEFAULT_ISSUER, LocalTokens.DEFAULT_AUDIENCE,
                Instant.now(), 600));
    }

    String expired(String subject) {
        return sign(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER,
                LocalTokens.DEFAULT_AUDIENCE, Instant.now().minusSeconds(7200), 600));
    }

    String withAudience(String subject, String audience) {
        return sign(LocalTokens.personClaims(subject, List.of("ALLIANCE_ADMIN"), null, LocalTokens.DEFAULT_ISSUER, audience,
                Instant.now(), 600));
    }

    /** A real token for {@code EMPLOYEE} whose payload was then edited to claim ALLIANCE_ADMIN, keeping the old signature. */
    String tampered(String subject) {
        String[] parts = person(subject, "EMPLOYEE").split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("EMPLOYEE", "ALLIANCE_ADMIN");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private String sign(Map<String, Object> claims) {
        return LocalTokens.sign(keys.getPrivate(), claims);
    }
}
