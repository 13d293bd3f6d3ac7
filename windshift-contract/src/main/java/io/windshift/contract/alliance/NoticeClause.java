package io.windshift.contract.alliance;

/**
 * A clause of an agreement obliging us to tell the partner, within {@code noticeDays}, when the holder of
 * {@code role} changes (e.g. section 4.2: the alliance manager or a governance member).
 */
public record NoticeClause(String agreementId, String clauseRef, String role, int noticeDays) {
}
