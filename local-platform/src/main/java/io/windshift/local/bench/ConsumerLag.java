package io.windshift.local.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far behind the consumer groups are: a benchmark starts its clock only once they have caught up. */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    /** Records not yet consumed, over every group and partition of the given topics. */
    long lag(Set<String> topics) throws Exception {
        return lagByPartition(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per group and partition ("group/topic-n"), the end offset minus the committed offset. */
    Map<String, Long> lagByPartition(Set<String> topics) throws Exception {
        Map<String, Long> result = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var entry : committed.entrySet()) {
                result.put(group.groupId() + "/" + entry.getKey(), Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()));
            }
        }
        return result;
    }

    /**
     * Waits until no group lags on the topics; returns how long that took. A lag of one that stays put counts as
     * caught up: on a transactional topic the commit marker after a partition's last record takes an offset that
     * consumers never commit past.
     */
    Duration awaitCaughtUp(Set<String> topics, Duration atMost) throws Exception {
        Instant start = Instant.now();
        Map<String, Long> previous = null;
        while (true) {
            Map<String, Long> now = lagByPartition(topics);
            boolean atMostMarkers = now.values().stream().allMatch(l -> l <= 1);
            if (now.values().stream().allMatch(l -> l == 0) || atMostMarkers && now.equals(previous)) {
                return Duration.between(start, Instant.now());
            }
            if (Duration.between(start, Instant.now()).compareTo(atMost) > 0) {
                throw new IllegalStateException("consumers still behind after " + atMost);
            }
            previous = now;
            Thread.sleep(1000);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
