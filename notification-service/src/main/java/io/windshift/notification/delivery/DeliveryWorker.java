package io.windshift.notification.delivery;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.windshift.notification.inbox.DeliveryQueue;
import io.windshift.notification.inbox.DeliveryQueue.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final String baseUrl;

    private final MeterRegistry meters;

    DeliveryWorker(DeliveryQueue queue, ChannelGuards guards, List<OutboundChannel> channels, MeterRegistry meters,
                   @Value("${windshift.notification.delivery.lease:PT2M}") Duration lease,
                   @Value("${windshift.notification.delivery.batch:50}") int batch,
                   @Value("${windshift.notification.base-url:http://localhost:8080}") String baseUrl) {
        this.queue = queue;
        this.guards = guards;
        this.channels = channels.stream().collect(Collectors.toMap(OutboundChannel::name, Function.identity()));
        this.lease = lease;
        this.batch = batch;
        this.baseUrl = baseUrl;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${windshift.notification.delivery.poll-interval:PT1S}")
    public void poll() {
        drain();
    }

    /**
     * Claims and sends what is due now; returns how many deliveries were attempted. Deliveries held for the
     * daily digest go out as one message per person and channel.
     */
    public int drain() {
        List<Claim> claims = queue.claimDue(instance, lease, batch);
        Map<String, List<Claim>> digests = new LinkedHashMap<>();
        for (Claim claim : claims) {
            if (claim.digest()) {
                digests.computeIfAbsent(claim.recipientId() + "|" + claim.channel(), k -> new ArrayList<>()).add(claim);
            } else {
                attempt(List.of(claim), MessageText.of(claim.content(), baseUrl));
            }
        }
        for (List<Claim> digest : digests.values()) {
            attempt(digest, MessageText.digest(digest.getFirst().recipientId(), digest.stream().map(Claim::content).toList(), baseUrl));
        }
        return claims.size();
    }

    private void attempt(List<Claim> claims, MessageText.OutboundMessage message) {
        String channelName = claims.getFirst().channel();
        OutboundChannel channel = channels.get(channelName);
        if (channel == null) {
            claims.forEach(c -> count(channelName, queue.failed(c, "no such channel " + channelName, DeliveryQueue.Failure.UNDELIVERABLE)));
            return;
        }
        try {
            guards.call(channel.name(), () -> {
                channel.send(message);
                return null;
            });
            claims.forEach(c -> {
                queue.sent(c, "delivered by " + channel.name() + (claims.size() > 1 ? " in a digest of " + claims.size() : ""));
                count(channelName, "SENT");
            });
        } catch (OutboundChannel.NotYetAddressable e) {
            claims.forEach(c -> count(channelName, queue.failed(c, e.getMessage(), DeliveryQueue.Failure.TRANSIENT)));
        } catch (OutboundChannel.Undeliverable e) {
            claims.forEach(c -> count(channelName, queue.failed(c, e.getMessage(), DeliveryQueue.Failure.UNDELIVERABLE)));
        } catch (CallNotPermittedException e) {
            claims.forEach(c -> count(channelName, queue.failed(c, "circuit open for " + channel.name(), DeliveryQueue.Failure.CIRCUIT_OPEN)));
        } catch (BulkheadFullException e) {
            claims.forEach(c -> count(channelName, queue.failed(c, "too many concurrent sends on " + channel.name(), DeliveryQueue.Failure.TRANSIENT)));
        } catch (Exception e) {
            log.info("Delivery of {} on {} failed: {}", message.id(), channel.name(), e.toString());
            claims.forEach(c -> count(channelName, queue.failed(c, e.getClass().getSimpleName() + ": " + e.getMessage(), DeliveryQueue.Failure.TRANSIENT)));
        }
    }

    /** {@code windshift.notifications.deliveries{channel,status}}: SENT, FAILED (retried later) or DEAD. */
    private void count(String channel, String status) {
        meters.counter("windshift.notifications.deliveries", "channel", channel, "status", status).increment();
    }
}
