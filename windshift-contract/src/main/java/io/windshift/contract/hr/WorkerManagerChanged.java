package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code hr.worker.manager-changed}: a person reports to someone else. */
public record WorkerManagerChanged(
        @NotBlank String personId,
        String oldManagerId,
        @NotBlank String newManagerId,
        @NotNull LocalDate effectiveDate) {
}
