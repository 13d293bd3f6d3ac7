package io.windshift.contract.alliance;

import java.util.List;

/**
 * A joint governance body (JSC, JDC, JCC, ...) on the wire: internal members are person ids, partner
 * contacts are names or addresses on the partner's side.
 */
public record GovernanceBody(
        String code,
        String name,
        List<String> memberIds,
        List<String> partnerContacts,
        String cadence,
        java.time.LocalDate nextMeeting) {

    public GovernanceBody {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
        partnerContacts = partnerContacts == null ? List.of() : List.copyOf(partnerContacts);
    }
}
