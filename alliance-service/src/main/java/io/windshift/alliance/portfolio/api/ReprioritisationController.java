package io.windshift.alliance.portfolio.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.alliance.portfolio.AllianceStatus;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.contract.EventIds;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A portfolio reprioritisation of an asset (raised to STRATEGIC, moved to another stage, wound down): one
 * trigger for every alliance on the asset, with its impacts queryable under the returned trigger id.
 */
@Tag(name = "Portfolio", description = "The head of alliance management's view: seats, vacancies, manager load, reprioritisations.")
@RestController
@RequestMapping("/api/v1/portfolio/reprioritisations")
class ReprioritisationController {

    private final ChangeAssessment assessment;

    ReprioritisationController(ChangeAssessment assessment) {
        this.assessment = assessment;
    }

    record Reprioritisation(@NotBlank @Size(max = 200) String asset, Tier tier, Stage stage, AllianceStatus status,
                            @NotBlank @Size(max = 500) String reason) {
    }

    record Outcome(String triggerEventId, String asset, List<String> allianceIds) {
    }

    @Operation(operationId = "reprioritiseAsset", summary = "Reprioritise an asset",
            description = "Moves every alliance on one asset to a new tier, stage and/or status (at least one), as one trigger: the "
                    + "impacts are queryable under the returned `triggerEventId`.")
    @ApiProblem(status = 404, when = "No alliance on this asset would change.")
    @PostMapping
    @PreAuthorize("hasAnyRole('ALLIANCE_ADMIN','HEAD_OF_ALLIANCE_MANAGEMENT')")
    Outcome reprioritise(@Valid @RequestBody Reprioritisation request) {
        if (request.tier() == null && request.stage() == null && request.status() == null) {
            throw new InvalidRequestException("tier", "give at least one of tier, stage or status");
        }
        String trigger = EventIds.random();
        List<String> changed = assessment.reprioritise(trigger, request.asset().strip(), request.tier(), request.stage(), request.status(),
                request.reason().strip());
        if (changed.isEmpty()) {
            throw new NotFoundException("No alliance on asset " + request.asset() + " would change");
        }
        return new Outcome(trigger, request.asset().strip(), changed);
    }
}
