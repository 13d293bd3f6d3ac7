package io.windshift.alliance.impact;

import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AlliancePortfolio;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.GovernanceBody;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.RoleAssignment;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.contract.EventIds;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Turns a finding into its action: the id, title, assignee, due date and the fact that will close it. */
@Component
class ActionPlanner {

    private static final Set<ImpactKind> KEY_ROLES = Set.of(ImpactKind.SPONSOR_VACANT, ImpactKind.ALLIANCE_MANAGER_VACANT, ImpactKind.LEAD_VACANT);

    private final ActionPolicy policy;
    private final AlliancePortfolio portfolio;
    private final Clock clock;

    ActionPlanner(ActionPolicy policy, AlliancePortfolio portfolio, Clock clock) {
        this.policy = policy;
        this.portfolio = portfolio;
        this.clock = clock;
    }

    static String actionId(String impactId, Finding finding) {
        return "act-" + EventIds.derived(impactId, finding.key());
    }

    /** Partner-notice obligations are registered under this id by obligation-service: the link back to the action. */
    static String noticeObligationId(String actionId) {
        return ActionFact.NOTICE_OBLIGATION_PREFIX + EventIds.derived("notice", actionId);
    }

    /**
     * The action for {@code finding} on {@code alliance} as it stands at {@code allianceVersion} (the version the
     * vacancy is saved at: a seat filled at that version or later closes it).
     */
    ImpactAction plan(String impactId, String triggerEventId, Alliance alliance, long allianceVersion, Finding finding, Instant now) {
        String id = actionId(impactId, finding);
        LocalDate today = LocalDate.now(clock);
        String title = SuggestedActions.titleOf(alliance.name(), finding);
        String assignee = assigneeFor(alliance, finding);
        LocalDate due = finding.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED ? finding.dueDate()
                : KEY_ROLES.contains(finding.kind()) && alliance.tier() == Tier.STRATEGIC
                ? ActionPolicy.addBusinessDays(today, policy.fillKeyRoleWithinBusinessDays()) : null;
        String noticeObligationId = null;
        String obligationId = null;
        List<String> members = List.of();
        String closeKey;
        switch (finding.kind()) {
            case PARTNER_NOTICE_REQUIRED -> {
                noticeObligationId = noticeObligationId(id);
                closeKey = ActionFact.notice(noticeObligationId);
            }
            case OBLIGATION_OWNER_VACANT -> {
                obligationId = finding.seat().startsWith("OBLIGATION:") ? finding.seat().substring("OBLIGATION:".length()) : finding.seat();
                closeKey = ActionFact.obligationOwner(obligationId, triggerEventId);
            }
            case MANAGER_OVER_CAPACITY -> closeKey = finding.personId() != null
                    && portfolio.strategicLoadOf(finding.personId()) > portfolio.policy().capacity()
                    ? ActionFact.capacity(finding.personId())
                    // A cover problem (nobody has room for a vacated alliance) is settled when the alliance gets its manager.
                    : ActionFact.seat(alliance.id(), Role.ALLIANCE_MANAGER.name());
            case GOVERNANCE_SEAT_VACANT -> {
                closeKey = ActionFact.seat(alliance.id(), finding.seat());
                String code = finding.seat().substring("GOVERNANCE:".length());
                members = alliance.governanceBodies().stream().filter(b -> b.code().equals(code)).findFirst()
                        .map(GovernanceBody::memberIds).orElse(List.of());
            }
            // Temporary cover is moot once the person is back (dismissed then); arranging it is closed by hand.
            case ROLE_HOLDER_ON_LEAVE -> closeKey = ActionFact.leave(finding.personId());
            default -> closeKey = ActionFact.seat(alliance.id(), finding.seat());
        }
        return ImpactAction.open(id, finding.kind(), finding.seat(), finding.personId(), title, assignee, due, finding.agreementId(),
                finding.clauseRef(), noticeObligationId, obligationId, closeKey,
                // Seats are ordered by alliance version, a leave by when it was assessed; the other keys name the vacancy itself.
                closeKey.startsWith("seat|") ? allianceVersion : closeKey.startsWith("leave|") ? now.toEpochMilli() : 0, members, now);
    }

    private String assigneeFor(Alliance alliance, Finding finding) {
        Role role = policy.assigneeRoleFor(finding.kind());
        if (role == null) {
            return policy.headOfAllianceManagement();
        }
        return alliance.currentHolderOf(role).map(RoleAssignment::personId)
                .filter(p -> finding.personId() == null || !p.equals(finding.personId()) || finding.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED)
                .orElse(policy.headOfAllianceManagement());
    }
}
