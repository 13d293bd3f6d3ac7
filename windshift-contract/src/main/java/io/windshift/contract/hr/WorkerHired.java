package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code hr.worker.hired}: a person joins; the directory mirrors them from their effective date. */
public record WorkerHired(
        @NotBlank String personId,
        @NotBlank String name,
        String email,
        String orgUnitId,
        String managerId,
        @NotNull LocalDate effectiveDate) {
}
