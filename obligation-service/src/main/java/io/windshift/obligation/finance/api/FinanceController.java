package io.windshift.obligation.finance.api;

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
@RestController
@RequestMapping("/api/v1/finance")
class FinanceController {

    private final FinanceEventIntake intake;
    private final FinanceLedger ledger;

    FinanceController(FinanceEventIntake intake, FinanceLedger ledger) {
        this.intake = intake;
        this.ledger = ledger;
    }

    @PostMapping(path = "/events", consumes = {CloudEvent.MEDIA_TYPE, CloudEvent.BATCH_MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasAuthority('SCOPE_finance.events:write')")
    ResponseEntity<Map<String, List<String>>> accept(@RequestBody String body) {
        return ResponseEntity.accepted().body(Map.of("accepted", intake.accept(body)));
    }

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
