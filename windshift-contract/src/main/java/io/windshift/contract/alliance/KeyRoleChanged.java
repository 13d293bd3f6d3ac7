package io.windshift.contract.alliance;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code alliance.sponsor-changed} and {@code alliance.manager-changed}: the executive sponsor or the
 * alliance manager of an alliance changed. {@code newPersonId} is null when the seat fell vacant;
 * {@code partnerNotices} lists the notices the agreements require, with their due dates.
 */
public record KeyRoleChanged(
        String allianceId,
        String allianceName,
        String tier,
        String stage,
        String role,
        String previousPersonId,
        String newPersonId,
        String reason,
        LocalDate effectiveDate,
        List<PartnerNotice> partnerNotices,
        String triggerEventId,
        long allianceVersion) {

    public KeyRoleChanged {
        partnerNotices = partnerNotices == null ? List.of() : List.copyOf(partnerNotices);
    }
}
