package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * {@code hr.worker.leave-started}: a person goes on leave (parental, medical, sabbatical: {@code leaveType} as HR
 * names it) from {@code effectiveDate}, expected back on {@code expectedReturnDate} if HR knows it. They keep their
 * alliance roles; Windshift suggests temporary cover instead of a vacancy.
 */
public record WorkerLeaveStarted(
        @NotBlank String personId,
        @NotNull LocalDate effectiveDate,
        LocalDate expectedReturnDate,
        String leaveType) {
}
