package io.windshift.notification.subscriptions.internal;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.windshift.contract.CloudEvent;
import io.windshift.messaging.schedule.FixedDelayLoop;
import io.windshift.notification.delivery.ChannelGuards;
import io.windshift.notification.delivery.OutboundChannel;
import io.windshift.notification.delivery.WebhookSigner;
import io.windshift.notification.subscriptions.EventSubscription;
import io.windshift.notification.subscriptions.EventSubscriptions;
import io.windshift.notification.subscriptions.SubscriptionDelivery;
import io.windshift.notification.subscriptions.SubscriptionOutbox;
import io.windshift.notification.subscriptions.SubscriptionOutbox.Claim;
import io.windshift.notification.subscriptions.SubscriptionProperties;
import io.windshift.notification.webhooks.WebhookPoster;
import io.windshift.notification.webhooks.WebhookTargets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what subscriptions are owed: claims due deliveries and POSTs each as one structured CloudEvent
 * ({@code application/cloudevents+json}, the record exactly as it is on the topic) through the SSRF-guarded poster,
 * signed with the subscription's secret(s), inside the same Resilience4j guards as every outbound channel (one set
 * per subscription, so one dead endpoint opens only its own circuit). 2xx is delivered; anything else is retried
 * with backoff until the attempts run out, then DEAD.
 */
@Component
public class SubscriptionSender extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSender.class);
    public static final String SUBSCRIPTION_HEADER = "X-Windshift-Subscription-Id";
    public static final String DELIVERY_HEADER = "X-Windshift-Delivery-Id";
    public static final String ATTEMPT_HEADER = "X-Windshift-Delivery-Attempt";
    private static final ContentType CLOUD_EVENT = ContentType.create(CloudEvent.MEDIA_TYPE, java.nio.charset.StandardCharsets.UTF_8);

    private final SubscriptionOutbox outbox;
    private final EventSubscriptions subscriptions;
    private final WebhookPoster poster;
    private final ChannelGuards guards;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SubscriptionProperties properties;
    private final String instance = UUID.randomUUID().toString();

    SubscriptionSender(SubscriptionOutbox outbox, EventSubscriptions subscriptions, WebhookPoster poster, ChannelGuards guards, Clock clock,
                       MeterRegistry meters, SubscriptionProperties properties) {
        super("subscription-sender", properties.pollInterval());
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.poster = poster;
        this.guards = guards;
        this.clock = clock;
        this.meters = meters;
        this.properties = properties;
    }

    @Override
    protected void round() {
        while (drain() == properties.batch()) {
            // a full batch: more may be due
        }
    }

    /** Claims and sends what is due now; returns how many deliveries were attempted. */
    public int drain() {
        List<Claim> claims = outbox.claimDue(instance, properties.batch());
        claims.forEach(this::send);
        return claims.size();
    }

    /** The guards' name for one subscription's endpoint. */
    public static String guardName(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    private void send(Claim claim) {
        SubscriptionDelivery delivery = claim.delivery();
        Optional<EventSubscription> subscription = subscriptions.find(delivery.subscriptionId());
        List<String> secrets = subscription.isPresent() ? subscriptions.signingSecrets(delivery.subscriptionId()) : List.of();
        if (subscription.isEmpty() || secrets.isEmpty()) {
            count(outbox.failed(claim, null, "the subscription was removed", true));
            return;
        }
        String body = delivery.event();
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSigner.SIGNATURE_HEADER, WebhookSigner.signAll(secrets, timestamp, body),
                SUBSCRIPTION_HEADER, delivery.subscriptionId(),
                DELIVERY_HEADER, delivery.id(),
                ATTEMPT_HEADER, Integer.toString(delivery.attempts() + 1));
        int[] status = {0};
        try {
            guards.call(guardName(delivery.subscriptionId()), () -> {
                try {
                    status[0] = poster.post(subscription.get().url(), CLOUD_EVENT, headers, body);
                } catch (WebhookTargets.Refused e) {
                    throw new OutboundChannel.Undeliverable("the subscription's address is refused: " + e.getMessage());
                }
                if (status[0] / 100 != 2) {
                    throw new IllegalStateException("the receiver answered " + status[0]
                            + (status[0] / 100 == 3 ? " (redirects are not followed)" : ""));
                }
                return null;
            });
            outbox.delivered(claim, status[0]);
            count(SubscriptionDelivery.Status.DELIVERED);
        } catch (OutboundChannel.Undeliverable e) {
            count(outbox.failed(claim, null, e.getMessage(), true));
        } catch (CallNotPermittedException e) {
            count(outbox.failed(claim, null, "circuit open for this subscription's endpoint", false));
        } catch (BulkheadFullException e) {
            count(outbox.failed(claim, null, "too many concurrent sends to this subscription's endpoint", false));
        } catch (Exception e) {
            log.info("Delivery {} failed: {}", delivery.id(), e.toString());
            count(outbox.failed(claim, status[0] == 0 ? null : status[0], e.getMessage() == null ? e.toString() : e.getMessage(), false));
        }
    }

    /** {@code windshift.subscriptions.deliveries{status}}: DELIVERED, PENDING (to be retried) or DEAD. */
    private void count(SubscriptionDelivery.Status status) {
        meters.counter("windshift.subscriptions.deliveries", "status", status.name()).increment();
    }
}
