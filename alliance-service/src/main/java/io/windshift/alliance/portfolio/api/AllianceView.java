package io.windshift.alliance.portfolio.api;

import io.windshift.alliance.portfolio.Agreement;
import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.GovernanceBody;
import io.windshift.alliance.portfolio.RoleAssignment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An alliance as the API shows it: current team, vacant required roles, governance, agreements and the team's history. */
public record AllianceView(String id, String name, String partner, String asset, String type, String stage, String status,
                           String tier, List<Member> team, List<String> vacantRoles, List<GovernanceBody> governanceBodies,
                           List<Agreement> agreements, List<PastMember> history, Instant createdAt, Long version) {

    public record Member(String role, String personId, LocalDate since) {
    }

    public record PastMember(String role, String personId, LocalDate since, LocalDate until, String endReason, String endedBy) {
    }

    static AllianceView of(Alliance a) {
        return new AllianceView(a.id(), a.name(), a.partner(), a.asset(), a.type().name(), a.stage().name(), a.status().name(),
                a.tier().name(),
                a.currentAssignments().stream().map(r -> new Member(r.role().name(), r.personId(), r.since())).toList(),
                a.vacantRoles().stream().map(Enum::name).sorted().toList(),
                a.governanceBodies(), a.agreements(),
                a.assignments().stream().filter(r -> !r.isCurrent()).map(AllianceView::past).toList(),
                a.createdAt(), a.version());
    }

    private static PastMember past(RoleAssignment r) {
        return new PastMember(r.role().name(), r.personId(), r.since(), r.until(), r.endReason(), r.endedBy());
    }
}
