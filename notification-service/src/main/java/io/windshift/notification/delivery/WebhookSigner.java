package io.windshift.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code timestamp + "." + body}, hex encoded and sent as {@code sha256=<hex>}. The receiver
 * recomputes it with the shared secret and rejects a timestamp outside its replay window (we document 5 minutes).
 */
public final class WebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Windshift-Signature";
    public static final String TIMESTAMP_HEADER = "X-Windshift-Timestamp";
    public static final String ID_HEADER = "X-Windshift-Notification-Id";

    private WebhookSigner() {
    }

    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: constant-time compare and a replay window around its own clock. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader, long nowEpochSeconds,
                                 long windowSeconds) {
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowEpochSeconds - timestamp) > windowSeconds || signatureHeader == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8), signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
