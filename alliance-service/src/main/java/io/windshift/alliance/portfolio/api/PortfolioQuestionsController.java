package io.windshift.alliance.portfolio.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.PortfolioPages;
import io.windshift.service.security.Caller;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The head of alliance management's questions: who holds what, which seats are vacant, which managers are
 * over capacity, how the portfolio splits by tier and stage. Answers are scoped like the alliances: a person
 * who does not see everything gets the part of the answer about their own alliances.
 */
@Tag(name = "Portfolio", description = "The head of alliance management's view: seats, vacancies, manager load, reprioritisations.")
@RestController
@RequestMapping("/api/v1/portfolio")
class PortfolioQuestionsController {

    private final AlliancePortfolio portfolio;
    private final PortfolioPages pages;

    PortfolioQuestionsController(AlliancePortfolio portfolio, PortfolioPages pages) {
        this.portfolio = portfolio;
        this.pages = pages;
    }

    record Seat(String allianceId, String allianceName, String tier, String stage, String role) {
    }

    /** Alliances by person and role, governance seats included. */
    @Operation(operationId = "listSeatsOfPerson", summary = "Roles and seats of one person",
            description = "Every role and governance seat the person holds, on the alliances the caller sees.")
    @GetMapping("/people/{personId}/seats")
    @PreAuthorize("@callerRules.isPerson()")
    List<Seat> seatsOf(@PathVariable String personId) {
        Caller caller = Caller.current();
        return portfolio.alliancesOf(personId).stream().filter(a -> visible(caller, a))
                .flatMap(a -> java.util.stream.Stream.concat(
                        a.currentAssignments().stream().filter(r -> r.personId().equals(personId))
                                .map(r -> new Seat(a.id(), a.name(), a.tier().name(), a.stage().name(), r.role().name())),
                        a.governanceBodies().stream().filter(b -> b.hasMember(personId))
                                .map(b -> new Seat(a.id(), a.name(), a.tier().name(), a.stage().name(), "GOVERNANCE:" + b.code()))))
                .toList();
    }

    record Vacancy(String allianceId, String allianceName, String tier, String stage, List<String> vacantRoles) {
    }

    @Operation(operationId = "listVacantRoles", summary = "Alliances with vacant roles",
            description = "Each visible alliance with at least one vacant role, optionally of one `tier`.")
    @GetMapping("/vacant-roles")
    @PreAuthorize("@callerRules.isPerson()")
    List<Vacancy> vacantRoles(@RequestParam(required = false) io.windshift.alliance.portfolio.Tier tier) {
        Caller caller = Caller.current();
        return portfolio.list(null, tier, null).stream().filter(a -> visible(caller, a)).filter(a -> !a.vacantRoles().isEmpty())
                .map(a -> new Vacancy(a.id(), a.name(), a.tier().name(), a.stage().name(), a.vacantRoles().stream().map(Enum::name).sorted().toList()))
                .toList();
    }

    record ManagerLoad(String managerId, int strategicAlliances, int capacity, boolean overCapacity, List<String> allianceIds) {
    }

    @Operation(operationId = "listManagerLoad", summary = "STRATEGIC alliances per alliance manager",
            description = "Each manager's STRATEGIC alliances against the capacity; a person who does not see everything gets their own row.")
    @GetMapping("/manager-load")
    @PreAuthorize("@callerRules.isPerson()")
    List<ManagerLoad> managerLoad() {
        Caller caller = Caller.current();
        int capacity = portfolio.policy().capacity();
        return portfolio.managerLoad().entrySet().stream().filter(e -> caller.seesEverything() || e.getKey().equals(caller.subject()))
                .map(e -> new ManagerLoad(e.getKey(), e.getValue().size(), capacity, e.getValue().size() > capacity, e.getValue()))
                .toList();
    }

    /** Counts by tier, then stage. */
    @Operation(operationId = "getPortfolioSummary", summary = "Alliances counted by tier and stage",
            description = "Counts of the visible alliances, by tier, then stage.")
    @GetMapping("/summary")
    @PreAuthorize("@callerRules.isPerson()")
    Map<String, Map<String, Long>> summary() {
        Caller caller = Caller.current();
        // Grouped in the store for the whole portfolio; a person's own alliances by _id through the person index.
        return caller.seesEverything() ? pages.countAll() : pages.countOf(caller.subject(), a -> visible(caller, a));
    }

    private static boolean visible(Caller caller, Alliance alliance) {
        return caller.seesEverything() || alliance.seats(caller.subject());
    }

}
