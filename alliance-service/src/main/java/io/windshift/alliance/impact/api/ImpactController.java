package io.windshift.alliance.impact.api;

import io.windshift.alliance.impact.ChangeImpact;
import io.windshift.alliance.impact.ChangeImpacts;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stored change impacts: "what did reorg R affect?" ({@code triggerEventId}) and "what happened to alliance
 * A?" ({@code allianceId}). Admins and the head of alliance management see all; anyone else sees the impacts
 * on alliances where they hold a role.
 */
@RestController
@RequestMapping("/api/v1/impacts")
class ImpactController {

    private final ChangeImpacts impacts;
    private final AlliancePortfolio portfolio;

    ImpactController(ChangeImpacts impacts, AlliancePortfolio portfolio) {
        this.impacts = impacts;
        this.portfolio = portfolio;
    }

    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    List<ImpactView> list(@RequestParam(required = false) @Size(max = 200) String triggerEventId,
                          @RequestParam(required = false) @Size(max = 200) String allianceId) {
        if ((triggerEventId == null) == (allianceId == null)) {
            throw new InvalidRequestException("triggerEventId", "give exactly one of triggerEventId or allianceId");
        }
        List<ChangeImpact> found = triggerEventId != null ? impacts.ofTrigger(triggerEventId) : impacts.ofAlliance(allianceId);
        return found.stream().filter(this::visible).map(ImpactView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("@callerRules.isPerson()")
    ImpactView get(@PathVariable String id) {
        return impacts.find(id).filter(this::visible).map(ImpactView::of)
                .orElseThrow(() -> new NotFoundException("No impact " + id + " visible to you"));
    }

    private boolean visible(ChangeImpact impact) {
        Caller caller = Caller.current();
        return caller.seesEverything() || portfolio.find(impact.allianceId()).filter(a -> a.seats(caller.subject())).isPresent();
    }

    record ImpactView(String id, String triggerEventId, String triggerType, String allianceId, String allianceName, String tier, String stage,
                      String severity, String status, List<Finding> impacts, List<String> suggestedActions, List<String> notes,
                      Instant assessedAt, int revision) {

        static ImpactView of(ChangeImpact i) {
            return new ImpactView(i.id(), i.triggerEventId(), i.triggerType(), i.allianceId(), i.allianceName(), i.tier().name(),
                    i.stage().name(), i.severity().name(), i.status().name(), i.findings(), i.suggestedActions(), i.notes(), i.assessedAt(),
                    i.revision());
        }
    }
}
