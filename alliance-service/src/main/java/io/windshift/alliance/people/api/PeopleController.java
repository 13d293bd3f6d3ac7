package io.windshift.alliance.people.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.alliance.people.OrgUnits;
import io.windshift.alliance.people.PeopleDirectory;
import io.windshift.alliance.people.Person;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finding people in the HR mirror by name or id. Admins and the head of alliance management find anyone; any other
 * person finds themselves and the people who share an alliance with them (a role or a governance seat on it);
 * integration clients find no one (403: they post their own kind of events and read nothing).
 */
@Tag(name = "People", description = "The people directory mirrored from HR.")
@RestController
@RequestMapping("/api/v1/people")
class PeopleController {

    static final int MIN_QUERY = 2;
    static final int MAX_QUERY = 100;

    private final PeopleDirectory directory;
    private final AlliancePortfolio portfolio;
    private final OrgUnits orgUnits;

    PeopleController(PeopleDirectory directory, AlliancePortfolio portfolio, OrgUnits orgUnits) {
        this.directory = directory;
        this.portfolio = portfolio;
        this.orgUnits = orgUnits;
    }

    /** {@code orgUnitName} as HR named the unit ({@code hr.org.unit-changed}), null until it has; status ACTIVE, ON_LEAVE or DEPARTED. */
    record PersonView(String personId, String name, String email, String orgUnitId, String orgUnitName, String managerId, String status,
                      LocalDate effectiveDate) {
        static PersonView of(Person p, OrgUnits units) {
            return new PersonView(p.personId(), p.name(), p.email(), p.orgUnitId(), units.nameOf(p.orgUnitId()).orElse(null), p.managerId(),
                    p.status() == null ? null : p.status().name(), p.effectiveDate());
        }
    }

    record PeoplePage(List<PersonView> items, int page, int size, long total) {
    }

    @Operation(operationId = "searchPeople", summary = "Find people by name or id",
            description = "People of the HR mirror a word of whose name, whole name or id starts with `q` (2 to 100 characters; case and "
                    + "accents ignored), ordered by name, paged. Admins and the head of alliance management find anyone; anyone else finds "
                    + "themselves and the people who share an alliance with them; integration clients get 403.")
    @GetMapping
    @PreAuthorize("@callerRules.isPerson()")
    PeoplePage search(@Parameter(description = "The start of a name word, of the whole name, or of the person id.", example = "ana")
                      @RequestParam(required = false) String q,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        String query = q == null ? "" : q.strip();
        if (query.length() < MIN_QUERY || query.length() > MAX_QUERY) {
            throw new InvalidRequestException("q", "must be " + MIN_QUERY + " to " + MAX_QUERY + " characters");
        }
        PeopleDirectory.Found found = directory.search(query, visibleTo(Caller.current()), page, size);
        return new PeoplePage(found.items().stream().map(p -> PersonView.of(p, orgUnits)).toList(), page, size, found.total());
    }

    /** Everyone for those who see everything; else the caller and everyone seated on the caller's alliances (read by index). */
    private Predicate<String> visibleTo(Caller caller) {
        if (caller.seesEverything()) {
            return personId -> true;
        }
        Set<String> visible = new HashSet<>();
        visible.add(caller.subject());
        for (Alliance alliance : portfolio.alliancesOf(caller.subject())) {
            if (alliance.seats(caller.subject())) {
                visible.addAll(alliance.seatedPeople());
            }
        }
        return visible::contains;
    }
}
