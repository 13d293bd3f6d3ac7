package io.windshift.notification.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook secret is kept at rest. An HMAC key cannot be stored as a hash (we must sign with it), so it is
 * stored as is ({@code plain:}) or, when {@code windshift.notification.webhooks.encryption-key} is set,
 * AES-256-GCM encrypted ({@code aes-gcm:}, random 96-bit nonce, key = SHA-256 of the configured value). Both
 * forms stay readable, so a key can be introduced later; new secrets are then stored encrypted.
 */
final class SecretSealer {

    private static final String PLAIN = "plain:";
    private static final String SEALED = "aes-gcm:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretSealer(String encryptionKey) {
        this.key = encryptionKey == null ? null : new SecretKeySpec(sha256(encryptionKey), "AES");
    }

    String seal(String secret) {
        if (key == null) {
            return PLAIN + secret;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] encrypted = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + encrypted.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(encrypted, 0, out, nonce.length, encrypted.length);
            return SEALED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    String open(String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (!stored.startsWith(SEALED)) {
            throw new IllegalStateException("unknown webhook secret format");
        }
        if (key == null) {
            throw new IllegalStateException("webhook secret is encrypted but windshift.notification.webhooks.encryption-key is not set");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("webhook secret cannot be decrypted with the configured encryption key", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
