package io.windshift.notification.inbox.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.notification.audience.AllianceTeam;
import io.windshift.notification.inbox.TriggerDeliveries;
import io.windshift.service.docs.ApiProblem;
import io.windshift.service.security.Caller;
import io.windshift.service.web.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who was told about one change: every recipient's notification of the trigger with each channel's delivery status.
 * The head of alliance management and admins see everyone; anyone else only the recipients of notifications about
 * alliances where they hold a role (notification-service's own team view, read by {@code _id}).
 */
@Tag(name = "Inbox", description = "A person's own notifications: paging, unread count, read, archive, and a live stream.")
@RestController
class TriggerDeliveriesController {

    private final TriggerDeliveries deliveries;
    private final MongoTemplate mongo;

    TriggerDeliveriesController(TriggerDeliveries deliveries, MongoTemplate mongo) {
        this.deliveries = deliveries;
        this.mongo = mongo;
    }

    record Row(String recipientId, String channel, String status, int attempts, Instant at, List<String> allianceIds) {
    }

    record WhoWasTold(String triggerEventId, int recipients, List<Row> deliveries) {
    }

    @Operation(operationId = "listTriggerDeliveries", summary = "Who was told about a change",
            description = "Everyone notified about one trigger (the HR or portfolio event id of the change), one row per recipient and channel: "
                    + "`IN_APP` (`DELIVERED` or `READ`) and each outbound channel with its delivery status (`PENDING`, `SENDING`, `SENT`, "
                    + "`FAILED`, `DEAD`, `CANCELLED`, `SUPPRESSED`), attempts and the time of the last attempt (or when it is due). "
                    + "`HEAD_OF_ALLIANCE_MANAGEMENT` and `ALLIANCE_ADMIN` see every recipient; anyone else only the recipients of "
                    + "notifications about alliances where they hold a role. One keyed read, kept up to date as deliveries are recorded.")
    @ApiResponse(responseCode = "200", description = "The recipients and their channels.", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "reorg", value = """
                    {"triggerEventId":"evt-reorg-2026-q4","recipients":2,"deliveries":[
                      {"recipientId":"p-ana","channel":"IN_APP","status":"READ","attempts":1,"at":"2026-12-02T07:31:02Z","allianceIds":["a-aurora"]},
                      {"recipientId":"p-ana","channel":"EMAIL","status":"SENT","attempts":1,"at":"2026-12-02T07:30:14Z","allianceIds":["a-aurora"]},
                      {"recipientId":"p-ben","channel":"WEBHOOK","status":"FAILED","attempts":2,"at":"2026-12-02T07:30:40Z","allianceIds":["a-aurora"]}]}
                    """)))
    @ApiProblem(status = 404, when = "Nobody was told about this trigger, or nobody the caller may see (no role on its alliances).")
    @GetMapping("/api/v1/notifications/triggers/{triggerEventId}/deliveries")
    @PreAuthorize("@callerRules.isPerson()")
    WhoWasTold whoWasTold(@Parameter(description = "The trigger's event id (a notification's `sourceEventId`).", example = "evt-reorg-2026-q4")
                          @PathVariable String triggerEventId) {
        Caller caller = Caller.current();
        List<TriggerDeliveries.Told> told = deliveries.of(triggerEventId).orElse(List.of());
        if (!caller.seesEverything()) {
            Map<String, Boolean> mine = new HashMap<>();
            told = told.stream().filter(t -> t.allianceIds().stream().anyMatch(a -> mine.computeIfAbsent(a, id -> holdsARole(caller.subject(), id))))
                    .toList();
        }
        if (told.isEmpty()) {
            throw new NotFoundException("Nobody you may see was told about " + triggerEventId);
        }
        List<Row> rows = told.stream().sorted(Comparator.comparing(TriggerDeliveries.Told::recipientId))
                .flatMap(t -> t.channels().stream().map(c -> new Row(t.recipientId(), c.channel(), c.status(), c.attempts(), c.at(), t.allianceIds())))
                .toList();
        return new WhoWasTold(triggerEventId, told.size(), rows);
    }

    private boolean holdsARole(String personId, String allianceId) {
        AllianceTeam team = mongo.findById(allianceId, AllianceTeam.class);
        return team != null && team.everyone().contains(personId);
    }
}
