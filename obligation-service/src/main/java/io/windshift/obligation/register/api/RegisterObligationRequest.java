package io.windshift.obligation.register.api;

import io.windshift.obligation.register.Category;
import io.windshift.obligation.register.Direction;
import io.windshift.obligation.register.Frequency;
import io.windshift.obligation.register.ObligationTerms;
import io.windshift.obligation.register.ObligationType;
import io.windshift.obligation.register.Schedule;
import io.windshift.service.web.InvalidRequestException;
import io.windshift.service.web.InvalidRequestException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Body of {@code POST /api/v1/obligations}. Exactly one of {@code dueDate} (one-off), {@code recurrence}
 * or {@code trigger}. Payment obligations need an amount and an ISO 4217 currency.
 */
public record RegisterObligationRequest(
        @NotBlank @Size(max = 100) String allianceId,
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 100) String agreementId,
        @NotBlank @Size(max = 100) String clauseRef,
        @NotNull Category category,
        @NotNull ObligationType type,
        @NotNull Direction direction,
        @NotBlank @Size(max = 100) String ownerId,
        @Size(max = 100) String reviewerId,
        @DecimalMin(value = "0.01") @jakarta.validation.constraints.Digits(integer = 15, fraction = 2) BigDecimal amount,
        @Size(min = 3, max = 3) String currency,
        @Size(max = 10) List<@NotNull @Min(1) @Max(365) Integer> leadTimes,
        LocalDate dueDate,
        @Valid Recurrence recurrence,
        @Valid Trigger trigger,
        @Size(max = 20) List<@NotNull @Valid Reference> references) {

    /** A key the finance system knows the obligation by; unique across the register. */
    public record Reference(io.windshift.obligation.register.ExternalReference.Kind kind, @NotBlank @Size(max = 200) String value) {
        io.windshift.obligation.register.ExternalReference toReference(String occurrenceId) {
            return new io.windshift.obligation.register.ExternalReference(
                    kind == null ? io.windshift.obligation.register.ExternalReference.Kind.OTHER : kind, value.strip(), occurrenceId);
        }
    }

    public record Recurrence(@NotNull Frequency frequency, @NotNull LocalDate firstDueDate, @NotNull LocalDate until) {
    }

    public record Trigger(@NotBlank @Size(max = 300) String milestone, @NotNull @Min(0) @Max(3650) Integer dueDaysAfter) {
    }

    /** Checks across fields, then the terms; all problems at once. */
    ObligationTerms terms() {
        List<FieldProblem> problems = new ArrayList<>();
        int schedules = (dueDate != null ? 1 : 0) + (recurrence != null ? 1 : 0) + (trigger != null ? 1 : 0);
        if (schedules != 1) {
            problems.add(new FieldProblem("dueDate", "give exactly one of dueDate, recurrence or trigger"));
        }
        if (recurrence != null && recurrence.until().isBefore(recurrence.firstDueDate())) {
            problems.add(new FieldProblem("recurrence.until", "must not be before recurrence.firstDueDate"));
        }
        if (recurrence != null && !recurrence.until().isBefore(recurrence.frequency().nth(recurrence.firstDueDate(), Schedule.MAX_OCCURRENCES))) {
            problems.add(new FieldProblem("recurrence.until", "allows at most " + Schedule.MAX_OCCURRENCES + " occurrences"));
        }
        boolean payment = category == Category.FINANCIAL || (type != null && type.isPayment());
        if (payment && amount == null) {
            problems.add(new FieldProblem("amount", "is required for a payment obligation"));
        }
        if ((payment || amount != null) && currency == null) {
            problems.add(new FieldProblem("currency", "is required with an amount"));
        }
        if (currency != null && !isCurrency(currency)) {
            problems.add(new FieldProblem("currency", "must be an ISO 4217 code such as EUR or USD"));
        }
        if (references != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < references.size(); i++) {
                if (references.get(i) != null && references.get(i).value() != null && !references.get(i).value().isBlank()
                        && !seen.add(io.windshift.obligation.register.ReferenceIndex.referenceKey(references.get(i).value()))) {
                    problems.add(new FieldProblem("references[" + i + "].value", "is given twice"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Schedule schedule = dueDate != null ? Schedule.once(dueDate)
                : recurrence != null ? Schedule.recurring(recurrence.firstDueDate(), recurrence.frequency(), recurrence.until())
                : Schedule.triggered(trigger.milestone().strip(), trigger.dueDaysAfter());
        return new ObligationTerms(allianceId.strip(), title.strip(), agreementId.strip(), clauseRef.strip(), category, type, direction,
                ownerId.strip(), reviewerId == null || reviewerId.isBlank() ? null : reviewerId.strip(), amount,
                currency == null ? null : currency.toUpperCase(java.util.Locale.ROOT), leadTimes, schedule,
                references == null ? List.of() : references.stream().map(r -> r.toReference(null)).toList());
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code.toUpperCase(java.util.Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
