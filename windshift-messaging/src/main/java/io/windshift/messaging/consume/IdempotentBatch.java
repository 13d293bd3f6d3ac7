package io.windshift.messaging.consume;

import io.windshift.contract.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * One poll's records applied in order, once per event id, where consecutive events that may be applied together
 * are: a run of them goes to {@code applyRun} in one call (for example one store write per notification instead of
 * one per event), any other event to {@code applyOne} as {@link IdempotentConsumer#handleOnce} would.
 *
 * <p>Which events of a run were applied before (a redelivery) is one read for the whole run, and recording the run as
 * applied one write ({@link IdempotentConsumer#notYetApplied}, {@link IdempotentConsumer#appliedAll}).
 *
 * <p>At least once, as with single records: a run is recorded as applied only after {@code applyRun} returned. A
 * failure names the record that failed ({@link BatchListenerFailedException}), so the container commits what came
 * before it and the error handler retries or dead-letters exactly that record: when a run fails, its events are
 * applied one by one to find which one it was. A record that could not be read (no value) is malformed.
 */
public final class IdempotentBatch {

    private final IdempotentConsumer idempotent;
    private final String consumer;
    private final Predicate<CloudEvent> joinsRun;
    private final Consumer<List<CloudEvent>> applyRun;
    private final Consumer<CloudEvent> applyOne;

    public IdempotentBatch(IdempotentConsumer idempotent, String consumer, Predicate<CloudEvent> joinsRun,
                           Consumer<List<CloudEvent>> applyRun, Consumer<CloudEvent> applyOne) {
        this.idempotent = idempotent;
        this.consumer = consumer;
        this.joinsRun = joinsRun;
        this.applyRun = applyRun;
        this.applyOne = applyOne;
    }

    public void handle(List<ConsumerRecord<String, CloudEvent>> records) {
        List<CloudEvent> run = new ArrayList<>();
        List<Integer> runIndexes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CloudEvent event = records.get(i).value();
            if (event == null) {
                flush(records, run, runIndexes);
                throw new BatchListenerFailedException("record could not be read as a CloudEvent",
                        new MalformedEventException("record at offset " + records.get(i).offset() + " could not be read as a CloudEvent"), i);
            }
            if (joinsRun.test(event)) {
                run.add(event);
                runIndexes.add(i);
                continue;
            }
            flush(records, run, runIndexes);
            try {
                idempotent.continuing(traceparent(records.get(i)), consumer, () -> idempotent.handleOnce(consumer, event, applyOne));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        flush(records, run, runIndexes);
    }

    private static String traceparent(ConsumerRecord<String, CloudEvent> record) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(io.windshift.messaging.publish.EventPublisher.HEADER_TRACEPARENT);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Applies a run in the trace of its first event (a run is mostly one request's events: an HR batch, a reorg's impacts). */
    private void flush(List<ConsumerRecord<String, CloudEvent>> records, List<CloudEvent> run, List<Integer> indexes) {
        if (run.isEmpty()) {
            return;
        }
        idempotent.continuing(traceparent(records.get(indexes.getFirst())), consumer, () -> flushRun(run, indexes));
    }

    private void flushRun(List<CloudEvent> run, List<Integer> indexes) {
        try {
            // Which of them were applied before (a redelivery) is one read for the whole run, as is recording them after.
            List<CloudEvent> fresh = idempotent.notYetApplied(consumer, run);
            if (!fresh.isEmpty()) {
                applyRun.accept(fresh);
                idempotent.appliedAll(consumer, fresh);
            }
        } catch (RuntimeException together) {
            // One of them is the cause (a poison event, a store hiccup): apply them one at a time to say which.
            for (int k = 0; k < run.size(); k++) {
                try {
                    idempotent.handleOnce(consumer, run.get(k), applyOne);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(e.getMessage(), e, indexes.get(k));
                }
            }
        } finally {
            run.clear();
            indexes.clear();
        }
    }
}
