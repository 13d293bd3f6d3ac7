package io.windshift.local.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Per group and partition ("group/topic-n"), the end offset minus the committed offset, for the groups that have
     * members: a group left behind by an earlier run or a stopped tool keeps its offsets but will never catch up.
     */
    Map<String, Long> lagByPartition(Set<String> topics) throws Exception {
        Map<String, Long> result = new HashMap<>();
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList();
        Set<String> active = admin.describeConsumerGroups(groups).all().get().values().stream()
                .filter(d -> !d.members().isEmpty()).map(d -> d.groupId()).collect(Collectors.toSet());
        for (String group : groups) {
            if (!active.contains(group)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
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
                result.put(group + "/" + entry.getKey(), Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()));
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
                throw new IllegalStateException("consumers still behind after " + atMost + ": " + behind(now));
            }
            long waited = Duration.between(start, Instant.now()).toSeconds();
            if (waited > 0 && waited % 30 == 0) {
                System.out.printf("waiting for the consumers (%d s): %s%n", waited, behind(now));
            }
            previous = now;
            Thread.sleep(1000);
        }
    }

    /** The ten partitions furthest behind, for a progress line. */
    private static String behind(Map<String, Long> lag) {
        return lag.entrySet().stream().filter(e -> e.getValue() > 1).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        admin.close();
    }
}
