package io.windshift.obligation.finance.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.messaging.config.MessagingAutoConfiguration;
import io.windshift.messaging.consume.IdempotentBatch;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import io.windshift.obligation.finance.FinanceLedger;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies finance events to the register once per event id, a poll at a time: consecutive finance events go to
 * {@link FinanceLedger#applyAll} together (one read per kind of document and bulk writes for the run; which of them were
 * applied before is one read too), through {@link IdempotentBatch}. An event of no finance type is poison: it is applied
 * on its own, which names it to the error handler, and dead-lettered.
 */
@Component
class FinanceEventListener {

    static final String CONSUMER = "obligation-service.finance";

    private final FinanceLedger ledger;
    private final IdempotentBatch batch;

    FinanceEventListener(IdempotentConsumer idempotent, FinanceLedger ledger) {
        this.ledger = ledger;
        this.batch = new IdempotentBatch(idempotent, CONSUMER, FinanceEventListener::isFinance, ledger::applyAll, this::applyOne);
    }

    @KafkaListener(topics = Topics.FINANCE, groupId = "obligation-service", containerFactory = MessagingAutoConfiguration.BATCH_FACTORY)
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        batch.handle(records);
    }

    private static boolean isFinance(CloudEvent event) {
        return event.knownType().filter(EventType::isFinance).isPresent();
    }

    private void applyOne(CloudEvent event) {
        if (!isFinance(event)) {
            throw new PoisonEventException("unknown finance event type '" + event.type() + "'");
        }
        ledger.apply(event);
    }
}
