package io.windshift.alliance.portfolio.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.alliance.impact.ChangeAssessment;
import io.windshift.alliance.portfolio.CapacityExceeded;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.PortfolioPages;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.TeamRuleViolation;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import io.windshift.service.web.ProblemHandler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio API. Admins and the head of alliance management see every alliance; anyone else sees
 * the alliances where they hold a role; integration clients (scopes, no roles) see none.
 */
@Tag(name = "Alliances", description = "The portfolio: alliances, their Partnership Management Team, governance bodies and agreements.")
@RestController
@RequestMapping("/api/v1/alliances")
class AllianceController {

    private static final String PORTFOLIO_EDITORS = "hasAnyRole('ALLIANCE_ADMIN','HEAD_OF_ALLIANCE_MANAGEMENT')";
    /** Any person; what they see is then scoped to their own alliances. Integration clients read nothing. */
    private static final String PEOPLE = "@callerRules.isPerson()";

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final AlliancePortfolio portfolio;
    private final PortfolioPages pages;
    private final ChangeAssessment assessment;

    AllianceController(AlliancePortfolio portfolio, PortfolioPages pages, ChangeAssessment assessment) {
        this.portfolio = portfolio;
        this.pages = pages;
        this.assessment = assessment;
    }

    @Operation(operationId = "registerAlliance", summary = "Register an alliance",
            description = "Creates an alliance with its team (`team: [{role, personId}]`, exactly one PARTNERSHIP_LEAD, an ALLIANCE_MANAGER "
                    + "for STRATEGIC), governance bodies and agreements. Needs ALLIANCE_ADMIN or HEAD_OF_ALLIANCE_MANAGEMENT. 201 with `Location`.")
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is its URL.")
    @ApiProblem(status = 409, when = "The alliance manager would lead more STRATEGIC alliances than the capacity allows (policy REFUSE).")
    @PostMapping
    @PreAuthorize(PORTFOLIO_EDITORS)
    ResponseEntity<AllianceView> register(@Valid @RequestBody RegisterAllianceRequest request) {
        AlliancePortfolio.Change change = portfolio.register(request.profile(), request.seats(), request.bodies(), request.agreementList());
        assessment.recordApiChange(change, "alliance.registered");
        return ResponseEntity.created(URI.create("/api/v1/alliances/" + change.alliance().id())).body(AllianceView.of(change.alliance()));
    }

    @Operation(operationId = "listAlliances", summary = "List alliances",
            description = "Filters: `personId` (alliances where the person holds a role or seat), `tier`, `stage`. Admins and the head of "
                    + "alliance management see every alliance; anyone else only their own. Sorted by name. Without `page` and `size` the "
                    + "whole list comes back, as it always did. With either of them (opt-in paging) the answer is the same JSON array holding "
                    + "one page (`page` from 0, `size` 1 to " + MAX_PAGE_SIZE + ", default " + DEFAULT_PAGE_SIZE + "), paged in the store, "
                    + "with `X-Total-Count` (all matching alliances) and a `Link` header (`first`, `prev`, `next`, `last`).")
    @ApiResponse(responseCode = "200", description = "The alliances; when paged, one page with `X-Total-Count` and `Link`.",
            headers = {
                    @Header(name = "X-Total-Count", description = "Paged calls only: how many alliances match in all.",
                            schema = @Schema(type = "integer", example = "5000")),
                    @Header(name = "Link", description = "Paged calls only: RFC 8288 links to the first, previous, next and last page.",
                            schema = @Schema(type = "string",
                                    example = "</api/v1/alliances?page=1&size=50>; rel=\"next\", </api/v1/alliances?page=99&size=50>; rel=\"last\""))})
    @ApiProblem(status = 400, when = "`page` is negative, or `size` is below 1 or above " + MAX_PAGE_SIZE + "; the problem names the field.")
    @GetMapping
    @PreAuthorize(PEOPLE)
    ResponseEntity<List<AllianceView>> list(@RequestParam(required = false) String personId, @RequestParam(required = false) Tier tier,
                                            @RequestParam(required = false) Stage stage,
                                            @Parameter(description = "Opt-in paging: the page, from 0.", example = "0")
                                            @RequestParam(required = false) Integer page,
                                            @Parameter(description = "Opt-in paging: alliances per page, 1 to " + MAX_PAGE_SIZE + ".", example = "50")
                                            @RequestParam(required = false) Integer size) {
        Caller caller = Caller.current();
        if (page == null && size == null) {
            return ResponseEntity.ok(unpaged(caller, personId, tier, stage));
        }
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_PAGE_SIZE : size;
        if (p < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        PortfolioPages.Page found;
        if (caller.seesEverything()) {
            found = personId == null ? pages.all(tier, stage, p, s) : pages.of(personId, a -> a.involves(personId), tier, stage, p, s);
        } else {
            // Their own alliances through the person index, never the whole portfolio; the same rows as the unpaged list.
            String me = caller.subject();
            found = pages.of(me, a -> a.involves(me) && (personId == null || a.involves(personId)), tier, stage, p, s);
        }
        return ResponseEntity.ok()
                .header("X-Total-Count", Long.toString(found.total()))
                .header(HttpHeaders.LINK, PageLinks.of("/api/v1/alliances", personId, tier, stage, p, s, found.total()))
                .body(found.items().stream().map(AllianceView::of).toList());
    }

    private List<AllianceView> unpaged(Caller caller, String personId, Tier tier, Stage stage) {
        if (caller.seesEverything()) {
            return portfolio.list(personId, tier, stage).stream().map(AllianceView::of).toList();
        }
        // Everyone else sees their own alliances: read through the person index, never the whole portfolio.
        return portfolio.list(caller.subject(), tier, stage).stream()
                .filter(a -> personId == null || a.involves(personId))
                .map(AllianceView::of).toList();
    }

    @Operation(operationId = "getAlliance", summary = "Read one alliance",
            description = "The alliance with its current team, role history, governance bodies and agreements.")
    @ApiProblem(status = 404, when = "No alliance with this id visible to the caller.")
    @GetMapping("/{id}")
    @PreAuthorize(PEOPLE)
    AllianceView get(@PathVariable String id) {
        Caller caller = Caller.current();
        return portfolio.find(id)
                .filter(a -> caller.seesEverything() || a.involves(caller.subject()))
                .map(AllianceView::of)
                .orElseThrow(() -> new NotFoundException("No alliance " + id + " visible to you"));
    }

    @Operation(operationId = "assignRole", summary = "Assign a person to a role",
            description = "Replaces the holder of one role (the previous one goes to the history). Assigning EXECUTIVE_SPONSOR is a "
                    + "sponsor change: the team and governance members are notified, and partner notice obligations follow where an agreement asks.")
    @ApiProblem(status = 404, when = "No alliance with this id.")
    @ApiProblem(status = 409, when = "The person would lead more STRATEGIC alliances than the capacity allows (policy REFUSE).")
    @PutMapping("/{id}/roles/{role}")
    @PreAuthorize(PORTFOLIO_EDITORS)
    AllianceView assign(@PathVariable String id, @PathVariable Role role, @Valid @RequestBody AssignRoleRequest request) {
        portfolio.find(id).orElseThrow(() -> new NotFoundException("No alliance " + id));
        AlliancePortfolio.Change change = portfolio.assign(id, role, request.personId().strip());
        assessment.recordApiChange(change, switch (role) {
            case EXECUTIVE_SPONSOR -> "alliance.sponsor-changed";
            case ALLIANCE_MANAGER -> "alliance.manager-changed";
            default -> "alliance.role-assigned";
        });
        return AllianceView.of(change.alliance());
    }

    /** Replaces (or adds) one governance body of the alliance. */
    @Operation(operationId = "putGovernanceBody", summary = "Replace a governance body",
            description = "Replaces (or adds) one governance body (JSC, JDC, ...) with its members, cadence and next meeting; `code` in the "
                    + "body must match the path.")
    @ApiProblem(status = 404, when = "No alliance with this id.")
    @PutMapping("/{id}/governance-bodies/{code}")
    @PreAuthorize(PORTFOLIO_EDITORS)
    AllianceView putGovernanceBody(@PathVariable String id, @PathVariable String code, @Valid @RequestBody RegisterAllianceRequest.Body body) {
        if (!code.equals(body.code())) {
            throw new InvalidRequestException("code", "must match the path (" + code + ")");
        }
        portfolio.find(id).orElseThrow(() -> new NotFoundException("No alliance " + id));
        return AllianceView.of(portfolio.putGovernanceBody(id, body.toBody()));
    }

    record AssignRoleRequest(@NotBlank @Size(max = 100) String personId) {
    }

    @ExceptionHandler(CapacityExceeded.class)
    ResponseEntity<ProblemDetail> capacity(CapacityExceeded e) {
        ResponseEntity<ProblemDetail> problem = ProblemHandler.badRequest(e.field(), e.getMessage());
        ProblemDetail body = problem.getBody();
        body.setStatus(409);
        body.setTitle("Over capacity");
        return ResponseEntity.status(409).headers(problem.getHeaders()).body(body);
    }

    @ExceptionHandler(TeamRuleViolation.class)
    ResponseEntity<ProblemDetail> teamRule(TeamRuleViolation e) {
        return ProblemHandler.badRequest(e.field(), e.getMessage());
    }
}
