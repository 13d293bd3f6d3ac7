package io.windshift.obligation.register;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.windshift.messaging.outbox.Outbox;
import io.windshift.messaging.outbox.OutboxRelay;
import io.windshift.messaging.publish.EventPublisher;
import io.windshift.obligation.schedule.DueIndex;
import java.time.Clock;
import java.time.Duration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A register on a database of the test's own, so a test counts only the occurrences it created. */
public final class IsolatedRegister {

    private IsolatedRegister() {
    }

    public static ObligationRegister on(MongoTemplate mongo, DueIndex dueIndex, ObligationEvents events, EventPublisher publisher, Clock clock) {
        OutboxRelay relay = new OutboxRelay(mongo, publisher, clock, Duration.ofSeconds(5), Duration.ofSeconds(30), "isolated-register",
                new SimpleMeterRegistry());
        return new ObligationRegister(mongo, new Outbox(mongo, relay), events, dueIndex, clock);
    }
}
