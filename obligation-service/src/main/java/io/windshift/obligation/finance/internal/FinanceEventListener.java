package io.windshift.obligation.finance.internal;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.EventType;
import io.windshift.contract.Topics;
import io.windshift.messaging.consume.IdempotentConsumer;
import io.windshift.messaging.consume.PoisonEventException;
import io.windshift.obligation.finance.FinanceLedger;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies finance events to the register once per event id; an event of no finance type is poison. */
@Component
class FinanceEventListener {

    private final IdempotentConsumer idempotent;
    private final FinanceLedger ledger;

    FinanceEventListener(IdempotentConsumer idempotent, FinanceLedger ledger) {
        this.idempotent = idempotent;
        this.ledger = ledger;
    }

    @KafkaListener(topics = Topics.FINANCE, groupId = "obligation-service")
    void on(CloudEvent event) {
        if (event.knownType().filter(EventType::isFinance).isEmpty()) {
            throw new PoisonEventException("unknown finance event type '" + event.type() + "'");
        }
        idempotent.handleOnce("obligation-service.finance", event, ledger::apply);
    }
}
