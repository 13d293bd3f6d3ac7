package io.windshift.obligation.finance.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.windshift.service.docs.CloudEventBody;
import io.windshift.service.docs.CloudEventDocument;
import io.windshift.contract.CloudEvent;
import io.windshift.obligation.finance.FinanceEventIntake;
import io.windshift.obligation.finance.FinanceLedger;
import io.windshift.obligation.finance.UnmatchedFinanceEvent;
import java.util.List;
import java.util.Map;
import io.windshift.obligation.register.Occurrence;
import io.windshift.service.docs.ApiProblem;
import io.windshift.service.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where finance systems push invoice events (one CloudEvent or a batch, validated as a whole, on Kafka when
 * the 202 is sent), and where finance people see the events that matched no obligation.
 */
@Tag(name = "Finance intake", description = "Where finance systems (ERP) push invoice events, and where finance sees what matched no obligation.")
@RestController
@RequestMapping("/api/v1/finance")
class FinanceController {

    private final FinanceEventIntake intake;
    private final FinanceLedger ledger;

    FinanceController(FinanceEventIntake intake, FinanceLedger ledger) {
        this.intake = intake;
        this.ledger = ledger;
    }

    @Operation(operationId = "postFinanceEvents", summary = "Post finance events",
            description = "One CloudEvent or a batch of finance.invoice.paid, finance.invoice.approved, finance.invoice.canceled, "
                    + "finance.payment.received (from the partner) or finance.payment.sent (to the partner). Each names what it settles: "
                    + "`obligationId`, or the ERP's `reference` (invoice number, PO, milestone reference recorded on the obligation), the "
                    + "`invoiceId`, or `agreementId` with `milestone` or `clauseRef`. The whole request is validated before any event is "
                    + "accepted; 202 lists the accepted ids. A payment closes the matching payment occurrence (early payment allowed, "
                    + "partial payments keep it open, an excess is kept as a finding, a duplicate changes nothing); what matches nothing "
                    + "is kept under /unmatched with its reason. "
                    + "A repeated id is accepted again and has no second effect. Needs scope finance.events:write.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CloudEvent.MEDIA_TYPE, schema = @Schema(implementation = CloudEventDocument.class),
                            examples = @ExampleObject(name = "paid", value = CloudEventBody.FINANCE_PAID)),
                    @Content(mediaType = CloudEvent.BATCH_MEDIA_TYPE, array = @ArraySchema(schema = @Schema(implementation = CloudEventDocument.class)),
                            examples = @ExampleObject(name = "approved and canceled", value = CloudEventBody.FINANCE_BATCH))}))
    @ApiResponse(responseCode = "202", description = "Accepted: on Kafka when this is sent.")
    @PostMapping(path = "/events", consumes = {CloudEvent.MEDIA_TYPE, CloudEvent.BATCH_MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('SCOPE_finance.events:write')")
    ResponseEntity<Map<String, List<String>>> accept(@RequestBody String body) {
        return ResponseEntity.accepted().body(Map.of("accepted", intake.accept(body, Caller.current().subject())));
    }

    @Operation(operationId = "listUnmatchedFinanceEvents", summary = "Finance events that matched no obligation",
            description = "Each finance event that could not be applied, with the reason (no such obligation, currency mismatch, ...), "
                    + "for finance to resolve (a payment by linking it to its occurrence: POST ./{eventId}/link). Needs FINANCE, ALLIANCE_ADMIN or HEAD_OF_ALLIANCE_MANAGEMENT.")
    @GetMapping("/unmatched")
    @PreAuthorize("hasAnyRole('FINANCE','ALLIANCE_ADMIN','HEAD_OF_ALLIANCE_MANAGEMENT')")
    List<UnmatchedView> unmatched() {
        return ledger.unmatched().stream().map(UnmatchedView::of).toList();
    }

    record LinkRequest(@NotBlank @Size(max = 100) String obligationId, @NotBlank @Size(max = 100) String occurrenceId,
                       @Schema(description = "close the occurrence even when the payment falls short (default false: it stays open "
                               + "with the rest outstanding)") Boolean close) {
    }

    record LinkedView(String eventId, String obligationId, String occurrenceId, String occurrenceState, java.math.BigDecimal paidAmount,
                      java.math.BigDecimal expectedAmount, java.math.BigDecimal outstandingAmount, java.math.BigDecimal excessAmount,
                      String currency) {
    }

    @Operation(operationId = "linkUnmatchedFinanceEvent", summary = "Resolve an unmatched payment by linking it to an occurrence",
            description = "Records the payment on the occurrence finance says it was for and takes the event off the unmatched list. The "
                    + "amount counts as in matching: a payment that completes the amount closes the occurrence (FULFILLED; beyond it, the "
                    + "excess is kept as `excessAmount`); a partial one leaves it open with `outstandingAmount`, unless `close` is true, "
                    + "which closes it short with the link and the shortfall as evidence. Linking it to the same occurrence again changes "
                    + "nothing. Needs FINANCE, ALLIANCE_ADMIN or HEAD_OF_ALLIANCE_MANAGEMENT.")
    @ApiProblem(status = 404, when = "No unresolved unmatched event with this id, no such obligation, or no such occurrence of it.")
    @ApiProblem(status = 409, when = "The event is not a payment, was linked to another occurrence, the occurrence is closed, the obligation "
            + "is not a payment or is in another currency.")
    @PostMapping("/unmatched/{eventId}/link")
    @PreAuthorize("hasAnyRole('FINANCE','ALLIANCE_ADMIN','HEAD_OF_ALLIANCE_MANAGEMENT')")
    LinkedView link(@PathVariable @Size(max = 200) String eventId, @Valid @RequestBody LinkRequest request) {
        String obligationId = request.obligationId().strip();
        Occurrence occurrence = ledger.link(eventId, obligationId, request.occurrenceId().strip(), Boolean.TRUE.equals(request.close()),
                Caller.current().subject());
        return new LinkedView(eventId, obligationId, occurrence.id(), occurrence.state().name(), occurrence.paidAmount(),
                occurrence.expectedAmount(), occurrence.outstandingAmount(), occurrence.excessAmount(), occurrence.currency());
    }

    @ExceptionHandler(FinanceLedger.LinkRefused.class)
    ResponseEntity<ProblemDetail> linkRefused(FinanceLedger.LinkRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Link refused");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    record UnmatchedView(String eventId, String type, String invoiceId, String obligationId, java.math.BigDecimal amount,
                         String currency, String reason, String detail, java.time.Instant receivedAt) {
        static UnmatchedView of(UnmatchedFinanceEvent e) {
            return new UnmatchedView(e.eventId(), e.type(), e.invoiceId(), e.obligationId(), e.amount(), e.currency(), e.reason(),
                    e.detail(), e.receivedAt());
        }
    }
}
