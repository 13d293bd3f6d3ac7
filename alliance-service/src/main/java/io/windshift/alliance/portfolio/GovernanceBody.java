package io.windshift.alliance.portfolio;

import java.time.LocalDate;
import java.util.List;

/**
 * A joint governance body (JSC, JDC, JCC, ...): our members by person id, the partner's contacts by name
 * or address, how often it meets and when next.
 */
public record GovernanceBody(String code, String name, List<String> memberIds, List<String> partnerContacts, String cadence,
                             LocalDate nextMeeting) {

    public GovernanceBody {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
        partnerContacts = partnerContacts == null ? List.of() : List.copyOf(partnerContacts);
    }

    public boolean hasMember(String personId) {
        return memberIds.contains(personId);
    }

    GovernanceBody without(String personId) {
        return new GovernanceBody(code, name, memberIds.stream().filter(m -> !m.equals(personId)).toList(), partnerContacts, cadence, nextMeeting);
    }

    GovernanceBody with(String personId) {
        if (hasMember(personId)) {
            return this;
        }
        List<String> members = new java.util.ArrayList<>(memberIds);
        members.add(personId);
        return new GovernanceBody(code, name, members, partnerContacts, cadence, nextMeeting);
    }

    io.windshift.contract.alliance.GovernanceBody toContract() {
        return new io.windshift.contract.alliance.GovernanceBody(code, name, memberIds, partnerContacts, cadence, nextMeeting);
    }
}
