package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** {@code hr.worker.leave-ended}: a person is back from leave on {@code effectiveDate}; any temporary cover can end. */
public record WorkerLeaveEnded(
        @NotBlank String personId,
        @NotNull LocalDate effectiveDate) {
}
