package io.windshift.contract.hr;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;

/** {@code hr.org.reorganized}: one reorg in which people move and some leave. */
public record OrgReorganized(
        @NotBlank String reorgId,
        String name,
        @NotNull LocalDate effectiveDate,
        @Valid List<MovedWorker> movedWorkers,
        @Valid List<DepartedWorker> departedWorkers) {

    public OrgReorganized {
        movedWorkers = movedWorkers == null ? List.of() : List.copyOf(movedWorkers);
        departedWorkers = departedWorkers == null ? List.of() : List.copyOf(departedWorkers);
    }

    public record MovedWorker(@NotBlank String personId, String toOrgUnitId, String newManagerId) {
    }

    public record DepartedWorker(@NotBlank String personId) {
    }
}
