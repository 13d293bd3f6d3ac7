package io.windshift.obligation.register;

import java.time.LocalDate;

/**
 * What a list asks for, each part optional: the owner (a handover: everything one person owns), the
 * alliance, the status (see {@link ObligationStatus}) and the latest next due date ({@code dueBefore}, inclusive).
 */
public record ObligationFilter(String ownerId, String allianceId, ObligationStatus status, LocalDate dueBefore) {
}
