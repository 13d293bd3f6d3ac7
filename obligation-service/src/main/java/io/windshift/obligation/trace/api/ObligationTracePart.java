package io.windshift.obligation.trace.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.messaging.consume.ProcessedEvents;
import io.windshift.messaging.trace.EventAcceptances;
import io.windshift.messaging.trace.TracePart;
import io.windshift.messaging.trace.TracePart.Item;
import io.windshift.obligation.finance.UnmatchedFinanceEvent;
import io.windshift.obligation.register.AuditEntry;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.Occurrence;
import io.windshift.service.security.Caller;
import io.windshift.service.trace.EventTraceAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * obligation-service's part of an event trace, asked by alliance-service (which composes the trace behind
 * {@code GET /api/v1/events/{eventId}/trace}); not routed by the gateway. The obligations and occurrences the event
 * changed are those whose history names it (on MongoDB an index on {@code history.by} serves this; the embedded
 * store scans, which a trace, asked by a person now and then, can afford).
 */
@Tag(name = "Event traces (internal)", description = "Parts of an event trace, composed by alliance-service; not routed by the gateway.")
@RestController
class ObligationTracePart {

    static final List<String> CONSUMERS = List.of("obligation-service.finance", "obligation-service.hr", "obligation-service.alliance");

    private final EventAcceptances acceptances;
    private final ProcessedEvents processed;
    private final MongoTemplate mongo;
    private final Clock clock;

    ObligationTracePart(EventAcceptances acceptances, ProcessedEvents processed, MongoTemplate mongo, Clock clock) {
        this.acceptances = acceptances;
        this.processed = processed;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Operation(operationId = "traceEventObligations", summary = "obligation-service's part of an event trace",
            description = "Acceptance (finance events), the consumers that applied the event, and the obligations, occurrences and unmatched "
                    + "finance events it changed. Admins and the head of alliance management get everything; an integration client gets ids "
                    + "and states only (alliance-service then checks that it posted the event); other people get 403.")
    @GetMapping("/internal/v1/events/{eventId}/trace")
    @PreAuthorize("isAuthenticated()")
    TracePart part(@PathVariable String eventId) {
        Caller caller = EventTraceAccess.caller();
        List<Item> items = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        Query byEvent = new Query(Criteria.where("history.by").is(eventId));
        for (Obligation o : mongo.find(byEvent, Obligation.class)) {
            items.add(new Item("OBLIGATION", o.id(), null, o.allianceId(), o.status(today).name(), o.ownerId(), actions(o.history(), eventId), null));
        }
        for (Occurrence o : mongo.find(byEvent, Occurrence.class)) {
            items.add(new Item("OBLIGATION", o.id(), o.obligationId(), o.allianceId(), o.state().name(), null, actions(o.history(), eventId), null));
        }
        UnmatchedFinanceEvent unmatched = mongo.findById(eventId, UnmatchedFinanceEvent.class);
        if (unmatched != null) {
            items.add(new Item("OBLIGATION", unmatched.eventId(), unmatched.obligationId(), null, "UNMATCHED", null, unmatched.reason(),
                    unmatched.receivedAt()));
        }
        return EventTraceAccess.viewOf(caller,
                TracePart.of("obligation-service", acceptances.find(eventId).orElse(null), processed, CONSUMERS, eventId, items));
    }

    private static String actions(List<AuditEntry> history, String eventId) {
        return String.join(", ", history.stream().filter(h -> eventId.equals(h.by())).map(h -> h.action() + " " + h.detail()).toList());
    }
}
