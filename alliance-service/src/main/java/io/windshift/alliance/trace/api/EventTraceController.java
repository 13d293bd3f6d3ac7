package io.windshift.alliance.trace.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.alliance.trace.EventTraces;
import io.windshift.alliance.trace.EventTraces.EventTrace;
import io.windshift.service.docs.ApiProblem;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/events/{eventId}/trace}: what one posted event caused, across the services. */
@Tag(name = "Event traces", description = "Follow one posted CloudEvent through Windshift: accepted, applied, and what it changed.")
@RestController
@RequestMapping("/api/v1/events")
class EventTraceController {

    private final EventTraces traces;

    EventTraceController(EventTraces traces) {
        this.traces = traces;
    }

    @Operation(operationId = "traceEvent", summary = "Trace one posted event across the services",
            description = "For the id of a CloudEvent posted to `/api/v1/hr/events` or `/api/v1/finance/events`: when it was accepted and by "
                    + "whom, which services' consumers applied it, and the impacts, actions, obligations, notifications and deliveries it "
                    + "changed. The head of alliance management and admins see everything; the integration client that posted the event sees "
                    + "ids and states only (no person ids or texts); other clients get 404, other people 403. `unavailable` lists services "
                    + "that did not answer in time, whose sections may then be incomplete.")
    @ApiProblem(status = 404, when = "Nothing is known of this event id, or the calling client did not post it.")
    @GetMapping("/{eventId}/trace")
    @PreAuthorize("isAuthenticated()")
    EventTrace trace(@PathVariable String eventId, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        if (eventId.isBlank() || eventId.length() > 200) {
            throw new InvalidRequestException("eventId", "must be 1 to 200 characters");
        }
        return traces.trace(eventId, authorization)
                .orElseThrow(() -> new NotFoundException("No trace of event " + eventId + " visible to you"));
    }
}
