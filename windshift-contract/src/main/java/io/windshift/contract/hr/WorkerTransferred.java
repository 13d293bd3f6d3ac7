package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code hr.worker.transferred}: a person moves to another org unit. */
public record WorkerTransferred(
        @NotBlank String personId,
        String fromOrgUnitId,
        @NotBlank String toOrgUnitId,
        @NotNull LocalDate effectiveDate) {
}
