package io.windshift.alliance.impact.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.alliance.impact.ActionAlreadyClosed;
import io.windshift.alliance.impact.ImpactAction;
import io.windshift.alliance.impact.ImpactActions;
import io.windshift.alliance.impact.internal.ActionStore;
import io.windshift.service.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acting on the actions of a change impact (complete, dismiss with a reason, assign), "my open actions", and
 * where one change stands. Closing an action that is closed already is a 409 problem.
 */
@Tag(name = "Actions", description = "The work a change impact asks for (fill a seat, notify the partner, reassign an obligation, rebalance a manager) and where a change stands.")
@RestController
class ActionController {

    private static final String PEOPLE = "@callerRules.isPerson()";

    private final ImpactActions actions;

    ActionController(ImpactActions actions) {
        this.actions = actions;
    }

    record CompleteRequest(@Size(max = 2000) String note) {
    }

    record DismissRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    record AssignRequest(@NotBlank @Size(max = 200) String personId) {
    }

    @Operation(operationId = "completeAction", summary = "Complete an action",
            description = "Marks one open action of an impact DONE, with an optional note; the impact moves to IN_PROGRESS or RESOLVED. "
                    + "The assignee, the alliance's editors and the head of alliance management may act.")
    @ApiProblem(status = 404, when = "No such impact visible to the caller, or no such action on it.")
    @ApiProblem(status = 409, when = "The action is already closed (DONE or DISMISSED); `state` says which.")
    @PostMapping("/api/v1/impacts/{impactId}/actions/{actionId}/complete")
    @PreAuthorize(PEOPLE)
    ImpactController.ImpactView complete(@PathVariable String impactId, @PathVariable String actionId,
                                         @RequestBody(required = false) @Valid CompleteRequest body) {
        return ImpactController.ImpactView.of(actions.complete(Caller.current(), impactId, actionId, body == null ? null : body.note()));
    }

    @Operation(operationId = "dismissAction", summary = "Dismiss an action with a reason",
            description = "Closes one open action as DISMISSED; `reason` is required and kept in the action's history.")
    @ApiProblem(status = 404, when = "No such impact visible to the caller, or no such action on it.")
    @ApiProblem(status = 409, when = "The action is already closed (DONE or DISMISSED); `state` says which.")
    @PostMapping("/api/v1/impacts/{impactId}/actions/{actionId}/dismiss")
    @PreAuthorize(PEOPLE)
    ImpactController.ImpactView dismiss(@PathVariable String impactId, @PathVariable String actionId, @RequestBody @Valid DismissRequest body) {
        return ImpactController.ImpactView.of(actions.dismiss(Caller.current(), impactId, actionId, body.reason().strip()));
    }

    @Operation(operationId = "assignAction", summary = "Assign an action to a person",
            description = "Hands one open action to another person, who then sees it under GET /api/v1/actions.")
    @ApiProblem(status = 404, when = "No such impact visible to the caller, or no such action on it.")
    @ApiProblem(status = 409, when = "The action is already closed (DONE or DISMISSED); `state` says which.")
    @PostMapping("/api/v1/impacts/{impactId}/actions/{actionId}/assign")
    @PreAuthorize(PEOPLE)
    ImpactController.ImpactView assign(@PathVariable String impactId, @PathVariable String actionId, @RequestBody @Valid AssignRequest body) {
        return ImpactController.ImpactView.of(actions.assign(Caller.current(), impactId, actionId, body.personId().strip()));
    }

    record ActionPage(List<ActionStore.ActionRow> items, int page, int size, long total) {
    }

    /** Open work: by default the caller's own open actions, oldest due first. */
    @Operation(operationId = "listActions", summary = "List open work",
            description = "By default the caller's own OPEN actions, oldest due first, paged. `assigneeId` other than the caller's own "
                    + "needs a portfolio role; `dueBefore` is an ISO date.")
    @GetMapping("/api/v1/actions")
    @PreAuthorize(PEOPLE)
    ActionPage list(@RequestParam(required = false) @Size(max = 200) String assigneeId,
                    @RequestParam(required = false) ImpactAction.State status,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore,
                    @RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Map.Entry<List<ActionStore.ActionRow>, Long> found = actions.find(Caller.current(), assigneeId,
                status == null ? ImpactAction.State.OPEN : status, dueBefore, page, size);
        return new ActionPage(found.getKey(), page, size, found.getValue());
    }

    @Operation(operationId = "getTriggerProgress", summary = "Where one change stands",
            description = "The actions of every impact of one trigger (the posted CloudEvent id), counted by state and kind, "
                    + "limited to the alliances the caller sees.")
    @GetMapping("/api/v1/triggers/{triggerEventId}/progress")
    @PreAuthorize(PEOPLE)
    ImpactActions.Progress progress(@PathVariable @Size(max = 200) String triggerEventId) {
        return actions.progress(Caller.current(), triggerEventId);
    }

    @ExceptionHandler(ActionAlreadyClosed.class)
    ResponseEntity<ProblemDetail> closed(ActionAlreadyClosed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Action already closed");
        problem.setProperty("state", e.action().state().name());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(java.util.NoSuchElementException.class)
    ResponseEntity<ProblemDetail> noAction(java.util.NoSuchElementException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No action " + e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
