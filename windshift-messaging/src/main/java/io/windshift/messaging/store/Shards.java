package io.windshift.messaging.store;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A document that collects entries under one key (everyone told of a trigger, everyone found under a search key) is
 * rewritten whole by each change, and such a key can gather thousands of entries: a reorg's 2,300 notifications made
 * each write copy the other 2,299. So the entries are spread over a fixed number of documents, {@code _id} =
 * {@code key~N} by the entry's own id, and the key is read back in one {@code $in} of its shards: still lookups by
 * {@code _id}, the one the embedded store answers from an index.
 */
public final class Shards {

    private Shards() {
    }

    /** The shard of {@code key} that holds {@code member}'s entry. */
    public static String of(String key, String member, int shards) {
        return key + "~" + Math.floorMod(member.hashCode(), shards);
    }

    /** Every shard of {@code key}, for one {@code $in} read. */
    public static List<String> all(String key, int shards) {
        return IntStream.range(0, shards).mapToObj(i -> key + "~" + i).toList();
    }
}
