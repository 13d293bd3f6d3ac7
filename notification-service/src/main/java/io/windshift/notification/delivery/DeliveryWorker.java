package io.windshift.notification.delivery;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.windshift.notification.inbox.DeliveryQueue;
import io.windshift.notification.inbox.DeliveryQueue.Claim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the stored delivery queue: claims due deliveries (each under a lease, one instance wins), sends
 * them through the guarded channel, records the outcome. Every attempt becomes a delivery-status event.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final ChannelGuards guards;
    private final Map<String, OutboundChannel> channels;
    private final String instance = UUID.randomUUID().toString();
    private final Duration lease;
    private final int batch;

    DeliveryWorker(DeliveryQueue queue, ChannelGuards guards, List<OutboundChannel> channels,
                   @Value("${windshift.notification.delivery.lease:PT2M}") Duration lease,
                   @Value("${windshift.notification.delivery.batch:50}") int batch) {
        this.queue = queue;
        this.guards = guards;
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::name, Function.identity()));
        this.lease = lease;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${windshift.notification.delivery.poll-interval:PT1S}")
    public void poll() {
        if (!enabled) {
            return;
        }
        drain();
    }

    private volatile boolean enabled = true;

    /** Test and shutdown seam: a stopped worker claims nothing. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Claims and sends what is due now; returns how many deliveries were attempted. */
    public int drain() {
        List<Claim> claims = queue.claimDue(instance, lease, batch);
        for (Claim claim : claims) {
            attempt(claim);
        }
        return claims.size();
    }

    private void attempt(Claim claim) {
        OutboundChannel channel = channels.get(claim.channel());
        if (channel == null) {
            queue.failed(claim, "no such channel " + claim.channel(), DeliveryQueue.Failure.UNDELIVERABLE);
            return;
        }
        try {
            guards.call(channel.name(), () -> {
                channel.send(claim.content());
                return null;
            });
            queue.sent(claim, "delivered by " + channel.name());
        } catch (OutboundChannel.Undeliverable e) {
            queue.failed(claim, e.getMessage(), DeliveryQueue.Failure.UNDELIVERABLE);
        } catch (CallNotPermittedException e) {
            queue.failed(claim, "circuit open for " + channel.name(), DeliveryQueue.Failure.CIRCUIT_OPEN);
        } catch (BulkheadFullException e) {
            queue.failed(claim, "too many concurrent sends on " + channel.name(), DeliveryQueue.Failure.TRANSIENT);
        } catch (Exception e) {
            log.info("Delivery of {} on {} failed: {}", claim.notificationId(), channel.name(), e.toString());
            queue.failed(claim, e.getClass().getSimpleName() + ": " + e.getMessage(), DeliveryQueue.Failure.TRANSIENT);
        }
    }
}
