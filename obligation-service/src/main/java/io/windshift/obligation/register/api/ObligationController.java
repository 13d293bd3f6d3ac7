package io.windshift.obligation.register.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.ApiProblem;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationAccess;
import io.windshift.obligation.register.ObligationFilter;
import io.windshift.obligation.register.ObligationStatus;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceClosedException;
import io.windshift.service.security.Caller;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
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
 * The rights-and-obligations register. Reads are scoped by {@link ObligationAccess} (what a caller may not
 * see answers 404); integration clients read nothing.
 */
@Tag(name = "Obligations", description = "The rights-and-obligations register: obligations per alliance, their occurrences, reminders and evidence.")
@RestController
@RequestMapping("/api/v1/obligations")
@Validated
@PreAuthorize("@callerRules.isPerson()")
class ObligationController {

    private final ObligationRegister register;
    private final io.windshift.obligation.register.OccurrenceUpdates updates;
    private final ObligationAccess access;
    private final Clock clock;

    ObligationController(ObligationRegister register, io.windshift.obligation.register.OccurrenceUpdates updates, ObligationAccess access, Clock clock) {
        this.register = register;
        this.updates = updates;
        this.access = access;
        this.clock = clock;
    }

    @Operation(operationId = "registerObligation", summary = "Register an obligation",
            description = "An obligation of an alliance: agreement and clause, category, type, direction, owner, amount and currency, lead "
                    + "times (default 30/7/1 days) and a one-off, recurring or milestone-triggered due date. Needs to be an editor of the alliance. "
                    + "201 with `Location`.")
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is its URL.")
    @PostMapping
    ResponseEntity<ObligationView> register(@Valid @RequestBody RegisterObligationRequest request) {
        Caller caller = Caller.current();
        if (!access.canManage(caller, request.allianceId().strip())) {
            throw new AccessDeniedException("not an editor of " + request.allianceId());
        }
        Obligation obligation = register.register(request.terms(), caller.subject());
        return ResponseEntity.created(URI.create("/api/v1/obligations/" + obligation.id())).body(view(obligation));
    }

    record Page(List<ObligationView> items, int page, int size, long total) {
    }

    /**
     * Obligations the caller may read, oldest first, optionally by owner (a handover), alliance, status and
     * latest next due date. Scope, filters, count and page are one store query each, never a scan in memory.
     */
    @Operation(operationId = "listObligations", summary = "Find obligations",
            description = "The obligations the caller may read, oldest first, paged in the store; filters `allianceId`, `ownerId` (a handover), "
                    + "`status` and `dueBefore` (ISO date of the next due occurrence).")
    @GetMapping
    Page list(@RequestParam(required = false) String allianceId,
              @RequestParam(required = false) @Size(max = 100) String ownerId,
              @RequestParam(required = false) String status,
              @RequestParam(required = false) String dueBefore,
              @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        ObligationFilter filter = new ObligationFilter(blankToNull(ownerId), blankToNull(allianceId), status(status), date("dueBefore", dueBefore));
        ObligationRegister.Found found = register.search(filter, access.readableBy(Caller.current()), page, size);
        return new Page(views(found.items()), page, size, found.total());
    }

    private static ObligationStatus status(String value) {
        String status = blankToNull(value);
        if (status == null) {
            return null;
        }
        try {
            return ObligationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "must be one of " + String.join(", ", ObligationStatus.names()));
        }
    }

    private static LocalDate date(String field, String value) {
        String date = blankToNull(value);
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO date (yyyy-mm-dd)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Operation(operationId = "getObligation", summary = "Read one obligation",
            description = "The obligation with its occurrences, their status and reminders, evidence and audit history.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller.")
    @GetMapping("/{id}")
    ObligationView get(@PathVariable String id) {
        return view(readable(id));
    }

    record OwnerRequest(@NotBlank @Size(max = 100) String personId) {
    }

    @Operation(operationId = "assignObligationOwner", summary = "Give an obligation a new owner",
            description = "Hands the obligation over; an owner-vacated flag is cleared. Needs to be an editor of the alliance.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller.")
    @PutMapping("/{id}/owner")
    ObligationView assignOwner(@PathVariable String id, @Valid @RequestBody OwnerRequest request) {
        Obligation obligation = readable(id);
        requireManager(obligation);
        return view(register.assignOwner(id, request.personId().strip(), Caller.current().subject()));
    }

    record RescheduleRequest(@NotNull LocalDate dueDate, @Size(max = 1000) String reason) {
    }

    @Operation(operationId = "rescheduleOccurrence", summary = "Move an occurrence's due date",
            description = "Sets a new due date (with an optional reason, kept in the history); reminders follow the new date.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The occurrence is closed (fulfilled or waived).")
    @PutMapping("/{id}/occurrences/{occurrenceId}/due-date")
    ObligationView reschedule(@PathVariable String id, @PathVariable String occurrenceId, @Valid @RequestBody RescheduleRequest request) {
        Obligation obligation = readable(id);
        requireManager(obligation);
        updates.reschedule(occurrenceOf(obligation, occurrenceId), request.dueDate(), request.reason(), Caller.current().subject());
        return view(register.get(id));
    }

    record TriggerRequest(@NotNull LocalDate achievedOn, @Size(max = 1000) String note) {
    }

    @Operation(operationId = "triggerOccurrence", summary = "Record that a milestone was achieved",
            description = "For a milestone-triggered obligation: the occurrence falls due the agreed number of days after `achievedOn`.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The occurrence is closed (fulfilled or waived).")
    @PostMapping("/{id}/occurrences/{occurrenceId}/trigger")
    ObligationView trigger(@PathVariable String id, @PathVariable String occurrenceId, @Valid @RequestBody TriggerRequest request) {
        Obligation obligation = readable(id);
        requireActor(obligation);
        if (obligation.schedule().dueDaysAfterTrigger() == null) {
            throw new InvalidRequestException("occurrenceId", "this obligation is not triggered by a milestone");
        }
        updates.trigger(occurrenceOf(obligation, occurrenceId), request.achievedOn(), request.note(), Caller.current().subject());
        return view(register.get(id));
    }

    record FulfilRequest(LocalDate fulfilledOn, @NotBlank @Size(max = 2000) String evidence) {
    }

    @Operation(operationId = "fulfilOccurrence", summary = "Fulfil an occurrence with evidence",
            description = "Closes one occurrence as FULFILLED on `fulfilledOn` (default today) with the evidence; pending reminders are cancelled.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The occurrence is closed (fulfilled or waived).")
    @PostMapping("/{id}/occurrences/{occurrenceId}/fulfil")
    ObligationView fulfil(@PathVariable String id, @PathVariable String occurrenceId, @Valid @RequestBody FulfilRequest request) {
        Obligation obligation = readable(id);
        requireActor(obligation);
        LocalDate on = request.fulfilledOn() == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : request.fulfilledOn();
        updates.fulfil(occurrenceOf(obligation, occurrenceId), on, request.evidence().strip(), Caller.current().subject());
        return view(register.get(id));
    }

    record ReasonRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @Operation(operationId = "waiveOccurrence", summary = "Waive an occurrence",
            description = "Closes one occurrence as WAIVED with the reason. Needs to be an editor of the alliance.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The occurrence is closed (fulfilled or waived).")
    @PostMapping("/{id}/occurrences/{occurrenceId}/waive")
    ObligationView waive(@PathVariable String id, @PathVariable String occurrenceId, @Valid @RequestBody ReasonRequest request) {
        Obligation obligation = readable(id);
        requireManager(obligation);
        updates.waive(occurrenceOf(obligation, occurrenceId), request.reason().strip(), Caller.current().subject());
        return view(register.get(id));
    }

    @Operation(operationId = "disputeOccurrence", summary = "Put an occurrence in dispute",
            description = "Marks one occurrence IN_DISPUTE with the reason; it stays open.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The occurrence is closed (fulfilled or waived).")
    @PostMapping("/{id}/occurrences/{occurrenceId}/dispute")
    ObligationView dispute(@PathVariable String id, @PathVariable String occurrenceId, @Valid @RequestBody ReasonRequest request) {
        Obligation obligation = readable(id);
        requireActor(obligation);
        updates.dispute(occurrenceOf(obligation, occurrenceId), request.reason().strip(), Caller.current().subject());
        return view(register.get(id));
    }

    record ReferenceRequest(io.windshift.obligation.register.ExternalReference.Kind kind, @NotBlank @Size(max = 200) String value,
                            @Size(max = 100) String occurrenceId) {
    }

    @Operation(operationId = "addObligationReference", summary = "Add a finance reference to an obligation or occurrence",
            description = "Records a key the finance system knows this obligation by (`kind` INVOICE, PURCHASE_ORDER, MILESTONE or OTHER; "
                    + "`value` such as an invoice number or PO), for the whole obligation or, with `occurrenceId`, for one due date. Finance "
                    + "events naming it as `reference` (or as `invoiceId`) then match here. Case and spaces do not matter; adding it again "
                    + "changes nothing. Needs to be an editor of the alliance.")
    @ApiProblem(status = 404, when = "No obligation with this id visible to the caller, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "Another obligation already holds this reference.")
    @PostMapping("/{id}/references")
    ObligationView addReference(@PathVariable String id, @Valid @RequestBody ReferenceRequest request) {
        Obligation obligation = readable(id);
        requireManager(obligation);
        String occurrenceId = blankToNull(request.occurrenceId());
        if (occurrenceId != null) {
            occurrenceOf(obligation, occurrenceId);
        }
        var kind = request.kind() == null ? io.windshift.obligation.register.ExternalReference.Kind.OTHER : request.kind();
        return view(register.addReference(id, new io.windshift.obligation.register.ExternalReference(kind, request.value().strip(), occurrenceId),
                Caller.current().subject()));
    }

    @ExceptionHandler(ObligationRegister.ReferenceTakenException.class)
    ResponseEntity<ProblemDetail> referenceTaken(ObligationRegister.ReferenceTakenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Reference taken");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(OccurrenceClosedException.class)
    ResponseEntity<ProblemDetail> closed(OccurrenceClosedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Occurrence closed");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private Obligation readable(String id) {
        return register.find(id).filter(o -> access.canRead(Caller.current(), o))
                .orElseThrow(() -> new NotFoundException("No obligation " + id + " visible to you"));
    }

    private void requireManager(Obligation obligation) {
        if (!access.canManage(Caller.current(), obligation.allianceId())) {
            throw new AccessDeniedException("not an editor of " + obligation.allianceId());
        }
    }

    private void requireActor(Obligation obligation) {
        if (!access.canAct(Caller.current(), obligation)) {
            throw new AccessDeniedException("neither the owner nor an editor of " + obligation.id());
        }
    }

    private static String occurrenceOf(Obligation obligation, String occurrenceId) {
        if (!obligation.occurrenceIds().contains(occurrenceId)) {
            throw new NotFoundException("No occurrence " + occurrenceId + " of " + obligation.id());
        }
        return occurrenceId;
    }

    private ObligationView view(Obligation obligation) {
        return ObligationView.of(obligation, register.occurrencesOf(obligation), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The views of a page, its occurrences read at once. */
    private List<ObligationView> views(List<Obligation> obligations) {
        Map<String, List<Occurrence>> occurrences = register.occurrencesOf(obligations);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return obligations.stream().map(o -> ObligationView.of(o, occurrences.getOrDefault(o.id(), List.of()), today)).toList();
    }
}
