package io.windshift.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of the local platform (client secrets, the admin secret): one file each under {@code .windshift/keys},
 * generated on first use, owner-only, never committed. The launcher writes them with the same layout
 * ({@code io.windshift.local.launch.LocalStack}); whichever comes first creates the file, the other reads it.
 */
public final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalSecrets() {
    }

    /** {@code client-<id>.secret}: the secret of an OAuth2 client. */
    public static String clientSecret(Path keys, String clientId) {
        return readOrCreate(keys.resolve("client-" + clientId + ".secret"));
    }

    /** {@code identity-admin.secret}: guards the provider's admin endpoint. */
    public static String adminSecret(Path keys) {
        return readOrCreate(keys.resolve("identity-admin.secret"));
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
                    Files.deleteIfExists(tmp); // another process won the race: use its secret
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
