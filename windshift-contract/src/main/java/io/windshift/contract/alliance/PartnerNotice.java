package io.windshift.contract.alliance;

import java.time.LocalDate;

/** A partner notice a role change makes due: which clause, and by when the partner must be told. */
public record PartnerNotice(String agreementId, String clauseRef, int noticeDays, LocalDate dueDate) {
}
