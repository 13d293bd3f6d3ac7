package io.windshift.contract.hr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/**
 * {@code hr.org.unit-changed}: an org unit as HR now describes it (created, renamed, moved under another parent,
 * or given a new head). Messages then name the unit ("moved to Oncology") instead of its id.
 */
public record OrgUnitChanged(
        @NotBlank String orgUnitId,
        @NotBlank String name,
        String parentOrgUnitId,
        String headPersonId,
        @NotNull LocalDate effectiveDate) {
}
