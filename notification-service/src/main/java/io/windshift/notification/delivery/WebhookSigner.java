package io.windshift.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code timestamp + "." + body}, hex encoded and sent as {@code sha256=<hex>}. The receiver
 * recomputes it with its subscription's secret and rejects a timestamp outside its replay window (we document
 * 5 minutes). While a rotated-out secret still signs, the header lists one value per secret, newest first,
 * separated by {@code ", "} (HTTP list syntax): a receiver accepts the request if any value matches.
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

    /** The header value for several secrets at once (current first), one {@code sha256=} value each. */
    public static String signAll(List<String> secrets, long epochSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, epochSeconds, body)).collect(Collectors.joining(", "));
    }

    /** What a receiver does: constant-time compare of each listed value and a replay window around its own clock. */
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
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String value : signatureHeader.split(",")) {
            matched |= MessageDigest.isEqual(expected, value.trim().getBytes(StandardCharsets.UTF_8));
        }
        return matched;
    }
}
