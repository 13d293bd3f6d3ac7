package io.windshift.alliance.impact.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.alliance.impact.ChangeImpact;
import io.windshift.alliance.impact.ImpactAction;
import io.windshift.alliance.impact.ImpactActions;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stored change impacts: "what did reorg R affect?" ({@code triggerEventId}), "what happened to alliance
 * A?" ({@code allianceId}), optionally only those of one {@code status}. Admins and the head of alliance
 * management see all; anyone else sees the impacts on alliances where they hold a seat.
 */
@Tag(name = "Change impacts", description = "What a change (an HR event, a sponsor change, a reprioritisation) did to each alliance: findings, severity, actions.")
@RestController
@RequestMapping("/api/v1/impacts")
class ImpactController {

    private final ImpactActions actions;

    ImpactController(ImpactActions actions) {
        this.actions = actions;
    }

    @Operation(operationId = "listImpacts", summary = "Find the impacts of a change or on an alliance",
            description = "Give exactly one of `triggerEventId` (the CloudEvent id a client posted, or the id of a change made in Windshift) "
                    + "or `allianceId`; optionally one `status`. Admins and the head of alliance management see every impact, anyone else "
                    + "those on alliances where they hold a seat; integration clients get 403.")
    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    List<ImpactView> list(@RequestParam(required = false) @Size(max = 200) String triggerEventId,
                          @RequestParam(required = false) @Size(max = 200) String allianceId,
                          @RequestParam(required = false) ChangeImpact.Status status,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "1000") @Min(1) @Max(1000) int size) {
        if ((triggerEventId == null) == (allianceId == null)) {
            throw new InvalidRequestException("triggerEventId", "give exactly one of triggerEventId or allianceId");
        }
        if (status == ChangeImpact.Status.ASSESSED) {
            throw new InvalidRequestException("status", "must be one of OPEN, IN_PROGRESS, RESOLVED, RESCINDED");
        }
        return actions.impacts(Caller.current(), triggerEventId, allianceId, status, page, size).stream().map(ImpactView::of).toList();
    }

    @Operation(operationId = "getImpact", summary = "Read one change impact",
            description = "The impact of one change on one alliance, with its findings, suggested actions, the actions and their "
                    + "history, and its progress (OPEN, IN_PROGRESS, RESOLVED or RESCINDED).")
    @ApiProblem(status = 404, when = "No impact with this id on an alliance visible to the caller.")
    @GetMapping("/{id}")
    @PreAuthorize("@callerRules.isPerson()")
    ImpactView get(@PathVariable String id) {
        return actions.find(id).filter(i -> actions.maySee(Caller.current(), i.allianceId())).map(ImpactView::of)
                .orElseThrow(() -> new NotFoundException("No impact " + id + " visible to you"));
    }

    record ImpactView(String id, String triggerEventId, String triggerType, String allianceId, String allianceName, String tier, String stage,
                      String severity, String status, List<Finding> impacts, List<String> suggestedActions, List<ActionView> actions,
                      io.windshift.contract.alliance.ImpactActionChanged.Progress progress, List<String> notes, Instant assessedAt, int revision) {

        static ImpactView of(ChangeImpact i) {
            return new ImpactView(i.id(), i.triggerEventId(), i.triggerType(), i.allianceId(), i.allianceName(), i.tier().name(),
                    i.stage().name(), i.severity().name(), i.status().name(), i.findings(), i.suggestedActions(),
                    i.actions().stream().map(ActionView::of).toList(), i.progress(), i.notes(), i.assessedAt(), i.revision());
        }
    }

    record ActionView(String id, String kind, String seat, String subjectPersonId, String title, String state, String assigneeId,
                      LocalDate dueDate, String agreementId, String clauseRef, String noticeObligationId, String obligationId, Instant openedAt,
                      Instant closedAt, List<ImpactAction.Change> history) {

        static ActionView of(ImpactAction a) {
            return new ActionView(a.id(), a.kind().name(), a.seat(), a.subjectPersonId(), a.title(), a.state().name(), a.assigneeId(),
                    a.dueDate(), a.agreementId(), a.clauseRef(), a.noticeObligationId(), a.obligationId(), a.openedAt(), a.closedAt(),
                    a.history());
        }
    }
}
