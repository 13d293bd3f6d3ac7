package io.windshift.alliance.people.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.CloudEventBody;
import io.windshift.service.docs.CloudEventDocument;
import io.windshift.alliance.people.HrEventIntake;
import io.windshift.service.security.Caller;
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
@Tag(name = "HR intake", description = "Where HR systems (Workday, SuccessFactors, ...) push workers' changes as CloudEvents.")
@RestController
@RequestMapping("/api/v1/hr/events")
class HrEventsController {

    private final HrEventIntake intake;

    HrEventsController(HrEventIntake intake) {
        this.intake = intake;
    }

    @Operation(operationId = "postHrEvents", summary = "Post HR events",
            description = "One CloudEvent (`application/cloudevents+json`) or a batch (`application/cloudevents-batch+json`) of the HR types "
                    + "(hr.worker.hired, terminated, transferred, manager-changed, hr.org.reorganized, hr.event.rescinded). The whole request is "
                    + "validated before any event is accepted. 202 lists the accepted ids; events dated in the future are held and listed under "
                    + "`scheduled`. A repeated id is accepted again and has no second effect. Needs scope hr.events:write.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CloudEvent.MEDIA_TYPE, schema = @Schema(implementation = CloudEventDocument.class),
                            examples = @ExampleObject(name = "terminated", value = CloudEventBody.HR_TERMINATED)),
                    @Content(mediaType = CloudEvent.BATCH_MEDIA_TYPE, array = @ArraySchema(schema = @Schema(implementation = CloudEventDocument.class)),
                            examples = @ExampleObject(name = "reorg batch", value = CloudEventBody.HR_BATCH))}))
    @ApiResponse(responseCode = "202", description = "Accepted: on Kafka (or held for its date) when this is sent.")
    @PostMapping(consumes = {CloudEvent.MEDIA_TYPE, CloudEvent.BATCH_MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('SCOPE_hr.events:write')")
    ResponseEntity<HrEventIntake.Accepted> accept(@RequestBody String body) {
        return ResponseEntity.accepted().body(intake.accept(body, Caller.current().subject()));
    }
}
