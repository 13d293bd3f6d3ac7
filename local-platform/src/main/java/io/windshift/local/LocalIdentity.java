package io.windshift.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local identity provider seen from the launcher, the demo and the tests: its secrets under {@code .windshift/keys}
 * (the same layout as {@code io.windshift.identity.LocalSecrets} in the provider: {@code client-<id>.secret},
 * {@code identity-admin.secret}; whoever comes first creates a file, the other reads it) and its admin endpoint, which
 * sets a person's local password and roles.
 */
public final class LocalIdentity {

    /** The gateway's client at the provider. */
    public static final String CONSOLE_CLIENT = "windshift-console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalIdentity() {
    }

    public static String clientSecret(Path keys, String clientId) {
        return readOrCreate(keys.resolve("client-" + clientId + ".secret"));
    }

    public static String adminSecret(Path keys) {
        return readOrCreate(keys.resolve("identity-admin.secret"));
    }

    /** A random password of 16 URL-safe characters, for demo and test people. */
    public static String newPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * {@code PUT <provider>/admin/people/<id>}: the person may now sign in with this password and has these roles.
     * Throws if the provider refuses.
     */
    public static void setPerson(String providerUrl, Path keys, String personId, String name, String email, String password,
                                 List<String> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (email != null) {
            body.put("email", email);
        }
        body.put("password", password);
        body.put("roles", roles);
        String basic = Base64.getEncoder().encodeToString(("admin:" + adminSecret(keys)).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(providerUrl + "/admin/people/" + personId))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("the identity provider refused " + personId + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the identity provider at " + providerUrl + " is not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static synchronized String readOrCreate(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                Files.createDirectories(file.getParent());
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                Path tmp = Files.createTempFile(file.getParent(), ".secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp); // someone else created it meanwhile: theirs counts
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
