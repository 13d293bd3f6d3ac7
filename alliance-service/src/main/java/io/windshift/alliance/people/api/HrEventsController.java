package io.windshift.alliance.people.api;

import io.windshift.alliance.people.HrEventIntake;
import io.windshift.contract.CloudEvent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where HR systems push changes: one CloudEvent or a batch. The whole request is validated before any
 * event is accepted; accepted events are on Kafka (acknowledged by the broker) when the 202 is sent, or, when
 * dated in the future, held and listed under {@code scheduled}.
 */
@RestController
@RequestMapping("/api/v1/hr/events")
class HrEventsController {

    private final HrEventIntake intake;

    HrEventsController(HrEventIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = {CloudEvent.MEDIA_TYPE, CloudEvent.BATCH_MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('SCOPE_hr.events:write')")
    ResponseEntity<HrEventIntake.Accepted> accept(@RequestBody String body) {
        return ResponseEntity.accepted().body(intake.accept(body));
    }
}
