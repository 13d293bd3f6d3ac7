package io.windshift.obligation.register.api;

import io.windshift.obligation.register.ActionLink;
import io.windshift.obligation.register.AuditEntry;
import io.windshift.obligation.register.InvoiceRecord;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.Schedule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An obligation as the API shows it, with its occurrences and its audit history; {@code status} and
 * {@code nextDueDate} are those of its current occurrence, {@code link} the impact action it tracks (partner notices).
 */
public record ObligationView(
        String id, String allianceId, String title, String agreementId, String clauseRef, String category, String type,
        String direction, String ownerId, String reviewerId, boolean ownerVacated, String vacatedOwnerId, String vacatedBy,
        BigDecimal amount, String currency, List<Integer> leadTimes, Schedule schedule, String sourceEventId, ActionLink link,
        List<io.windshift.obligation.register.ExternalReference> references,
        String status, LocalDate nextDueDate, Instant createdAt, List<OccurrenceView> occurrences, List<AuditEntry> history) {

    public record OccurrenceView(String id, int sequence, LocalDate dueDate, String status, String timeliness, Instant closedAt,
                                 String evidence, BigDecimal expectedAmount, BigDecimal paidAmount, BigDecimal outstandingAmount,
                                 BigDecimal excessAmount, String billing, String currency,
                                 Instant nextReminderAt, Integer nextReminderLeadDays, List<InvoiceRecord> invoices,
                                 List<AuditEntry> history) {
        static OccurrenceView of(Occurrence o, LocalDate today) {
            return new OccurrenceView(o.id(), o.sequence(), o.dueDate(), o.status(today), o.timeliness() == null ? null : o.timeliness().name(),
                    o.closedAt(), o.evidence(), o.expectedAmount(), o.paidAmount(), o.outstandingAmount(), o.excessAmount(), o.billing(), o.currency(), o.nextReminderAt(), o.nextLeadDays(),
                    o.invoices(), o.history());
        }
    }

    static ObligationView of(Obligation o, List<Occurrence> occurrences, LocalDate today) {
        return new ObligationView(o.id(), o.allianceId(), o.title(), o.agreementId(), o.clauseRef(), o.category().name(), o.type().name(),
                o.direction().name(), o.ownerId(), o.reviewerId(), o.ownerVacated(), o.vacatedOwnerId(), o.vacatedBy(), o.amount(),
                o.currency(), o.leadTimes(), o.schedule(), o.sourceEventId(), o.link(), o.references(), o.status(today).name(), o.nextDueDate(), o.createdAt(),
                occurrences.stream().map(oc -> OccurrenceView.of(oc, today)).toList(), o.history());
    }
}
