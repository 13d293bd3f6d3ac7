package io.windshift.messaging.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * One request's events in one Kafka transaction, run on its own virtual thread so that the request can be
 * answered on time whatever the producer is blocked on. The request side ({@link #await}) refuses when:
 * <ul>
 *   <li>the events are not all handed to the producer within {@code respondWithin} (no metadata, no producer):
 *   the transaction is then never committed, so nothing of it can become visible;</li>
 *   <li>while committing, the producer has had no connection to any broker for half of {@code respondWithin}
 *   (the broker is gone, not slow: a slow broker is waited for, up to the producer's own {@code max.block.ms}).</li>
 * </ul>
 * In the second case the commit was already sent; should the broker come back within {@code max.block.ms} and
 * accept it, the batch is published although the client was told 503, and the client's retry (same ids) is a
 * duplicate that consumers absorb. That window is the only way a refused batch can become visible.
 */
final class IntakeTransaction implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(IntakeTransaction.class);
    private static final Duration SAMPLE = Duration.ofMillis(25);

    private enum State { SENDING, COMMITTING, REFUSED }

    private final ProducerFactory<String, String> producers;
    private final List<ProducerRecord<String, String>> records;
    private final AtomicReference<State> state = new AtomicReference<>(State.SENDING);
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private volatile Producer<String, String> producer;

    IntakeTransaction(ProducerFactory<String, String> producers, List<ProducerRecord<String, String>> records) {
        this.producers = producers;
        this.records = records;
    }

    @Override
    public void run() {
        Producer<String, String> current = null;
        try {
            current = producers.createProducer();
            producer = current;
            current.beginTransaction();
            for (ProducerRecord<String, String> record : records) {
                // A send that waited out max.block.ms for metadata comes back failed: stop, the next would wait again.
                failFast(current.send(record));
            }
            if (!state.compareAndSet(State.SENDING, State.COMMITTING)) {
                throw new IllegalStateException("refused before committing");
            }
            current.commitTransaction();
            outcome.complete(null);
            current.close();
        } catch (Exception e) {
            outcome.completeExceptionally(e);
            abortAndClose(current);
        }
    }

    /** Waits for the commit; throws when it failed or when the request should be refused now (see the class). */
    void await(Duration respondWithin) throws Exception {
        long started = System.nanoTime();
        long lostAfter = respondWithin.toNanos() / 2;
        long lastConnected = started;
        boolean connectedBefore = false;
        while (true) {
            try {
                outcome.get(SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException stillWaiting) {
                long now = System.nanoTime();
                if (state.get() == State.SENDING && now - started > respondWithin.toNanos() && state.compareAndSet(State.SENDING, State.REFUSED)) {
                    throw new TimeoutException("the broker took no events within " + respondWithin.toMillis() + " ms");
                }
                // Two samples in a row: a connection attempt to a closed port comes and goes between samples.
                boolean connected = connections(producer) > 0;
                if (connected && connectedBefore) {
                    lastConnected = now;
                }
                connectedBefore = connected;
                if (state.get() == State.COMMITTING && now - lastConnected > lostAfter) {
                    throw new TimeoutException("lost every broker connection while committing");
                }
            }
        }
    }

    private static double connections(Producer<String, String> producer) {
        if (producer == null) {
            return 0;
        }
        return producer.metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals("connection-count") && m.getKey().group().equals("producer-metrics"))
                .map(m -> ((Metric) m.getValue()).metricValue())
                .mapToDouble(v -> v instanceof Number n ? n.doubleValue() : 0).sum();
    }

    private static void failFast(Future<?> sent) throws ExecutionException, InterruptedException {
        if (sent.isDone()) {
            sent.get();
        }
    }

    private static void abortAndClose(Producer<String, String> producer) {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("Abort of a failed intake transaction failed; the coordinator aborts it on timeout: {}", e.getMessage());
        } finally {
            producer.close(Duration.ZERO);
        }
    }
}
