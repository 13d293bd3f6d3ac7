package io.windshift.notification.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code windshift.notification.webhooks.*}: where webhooks may go, how long a rotated-out secret still signs,
 * and the optional key that encrypts stored secrets.
 *
 * @param allowedHosts         empty: any host with public addresses; otherwise only these (exact, or {@code *.domain})
 * @param allowPrivateNetworks let webhooks reach loopback, link-local and private addresses (local platform, tests)
 * @param rotationOverlap      after a rotation, deliveries are signed with the new and the old secret this long
 * @param encryptionKey        when set, secrets are stored AES-256-GCM encrypted under a key derived from it
 */
@ConfigurationProperties("windshift.notification.webhooks")
public record WebhookProperties(List<String> allowedHosts, boolean allowPrivateNetworks, Duration rotationOverlap, String encryptionKey) {

    public WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        rotationOverlap = rotationOverlap == null ? Duration.ofDays(1) : rotationOverlap;
        encryptionKey = encryptionKey == null || encryptionKey.isBlank() ? null : encryptionKey;
    }
}
