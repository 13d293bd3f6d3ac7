package io.windshift.messaging.it;

import io.windshift.contract.CloudEvent;
import io.windshift.contract.Topics;
import io.windshift.messaging.outbox.OutboxAggregate;
import io.windshift.messaging.outbox.OutboxEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import io.windshift.contract.EventJson;

/** A minimal aggregate with its own outbox, standing in for an alliance in the library's tests. */
@Document("ledger_accounts")
public class LedgerAccount implements OutboxAggregate {

    @Id
    private String id;
    @Version
    private Long version;
    private long balance;
    private List<OutboxEvent> pendingEvents = new ArrayList<>();

    public LedgerAccount(String id) {
        this.id = id;
    }

    /** Each deposit changes the balance and records one event, in the same document. */
    public CloudEvent deposit(String eventId, long amount) {
        balance += amount;
        CloudEvent event = new CloudEvent("1.0", eventId, "/test/ledger", "test.deposited", id, Instant.now(),
                CloudEvent.JSON, EventJson.mapper().valueToTree(Map.of("amount", amount, "balance", balance)), null);
        pendingEvents.add(OutboxEvent.of(Topics.ALLIANCE, id, event));
        return event;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<OutboxEvent> pendingEvents() {
        return pendingEvents;
    }

    public long balance() {
        return balance;
    }
}
