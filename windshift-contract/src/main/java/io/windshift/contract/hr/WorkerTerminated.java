package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code hr.worker.terminated}: a person leaves; their alliance roles are vacated, never reassigned. */
public record WorkerTerminated(
        @NotBlank String personId,
        @NotNull LocalDate effectiveDate,
        String reasonCode) {
}
