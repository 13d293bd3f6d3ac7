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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
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
            description = "One CloudEvent or a batch of finance.invoice.paid, finance.invoice.approved or finance.invoice.canceled. The whole "
                    + "request is validated before any event is accepted; 202 lists the accepted ids. A payment closes the matching payment "
                    + "occurrence (early payment allowed, partial payments keep it open); what matches nothing is kept under /unmatched. "
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
        return ResponseEntity.accepted().body(Map.of("accepted", intake.accept(body)));
    }

    @Operation(operationId = "listUnmatchedFinanceEvents", summary = "Finance events that matched no obligation",
            description = "Each finance event that could not be applied, with the reason (no such obligation, currency mismatch, ...), "
                    + "for finance to resolve. Needs FINANCE, ALLIANCE_ADMIN or HEAD_OF_ALLIANCE_MANAGEMENT.")
    @GetMapping("/unmatched")
    @PreAuthorize("hasAnyRole('FINANCE','ALLIANCE_ADMIN','HEAD_OF_ALLIANCE_MANAGEMENT')")
    List<UnmatchedView> unmatched() {
        return ledger.unmatched().stream().map(UnmatchedView::of).toList();
    }

    record UnmatchedView(String eventId, String type, String invoiceId, String obligationId, java.math.BigDecimal amount,
                         String currency, String reason, String detail, java.time.Instant receivedAt) {
        static UnmatchedView of(UnmatchedFinanceEvent e) {
            return new UnmatchedView(e.eventId(), e.type(), e.invoiceId(), e.obligationId(), e.amount(), e.currency(), e.reason(),
                    e.detail(), e.receivedAt());
        }
    }
}
