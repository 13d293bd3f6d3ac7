package io.windshift.obligation.notices;

import io.windshift.contract.EventIds;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.obligation.register.ActionLink;
import io.windshift.obligation.register.Category;
import io.windshift.obligation.register.Direction;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ObligationTerms;
import io.windshift.obligation.register.ObligationType;
import io.windshift.obligation.register.Occurrence;
import io.windshift.obligation.register.OccurrenceClosedException;
import io.windshift.obligation.register.Schedule;
import io.windshift.obligation.teams.AllianceTeams;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Partner notices follow the impact actions alliance-service opens for them ({@code alliance.impact-action-changed}
 * of kind PARTNER_NOTICE_REQUIRED), whatever the seat (sponsor, alliance manager, partnership lead, a governance
 * body): OPENED registers one PARTNER_NOTICE obligation under the action's {@code noticeObligationId}, linked to
 * the action; DISMISSED by a person waives it with their reason; ASSIGNED hands it to the new assignee. Every
 * step is safe to repeat.
 */
@Service
public class PartnerNotices {

    public static final String KIND = "PARTNER_NOTICE_REQUIRED";
    static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(PartnerNotices.class);

    private final ObligationRegister register;
    private final io.windshift.obligation.register.OccurrenceUpdates updates;
    private final AllianceTeams teams;

    PartnerNotices(ObligationRegister register, io.windshift.obligation.register.OccurrenceUpdates updates, AllianceTeams teams) {
        this.register = register;
        this.updates = updates;
        this.teams = teams;
    }

    /** Applies one action change; changes of other kinds of action, and COMPLETED, change nothing here. */
    public void changed(String eventId, ImpactActionChanged change) {
        if (!KIND.equals(change.kind()) || change.change() == null) {
            return;
        }
        switch (change.change()) {
            case "OPENED" -> opened(eventId, change);
            case "DISMISSED" -> dismissed(change);
            case "ASSIGNED" -> assigned(change);
            default -> {
                // COMPLETED: the notice obligation is fulfilled through the register (alliance-service completes the
                // action from obligation.fulfilled); nothing to do the other way round.
            }
        }
    }

    private void opened(String eventId, ImpactActionChanged change) {
        if (change.dueDate() == null) {
            log.warn("Partner notice action {} of {} has no due date; no notice obligation registered", change.actionId(), change.impactId());
            return;
        }
        String owner = change.assigneeId() != null ? change.assigneeId()
                : teams.find(change.allianceId()).flatMap(t -> t.holderOf(AllianceTeams.ALLIANCE_MANAGER)).orElse(null);
        if (owner == null) {
            log.warn("Partner notice action {} on {} has no assignee and the alliance no alliance manager: registered without owner",
                    change.actionId(), change.allianceId());
        }
        String source = change.triggerEventId() == null ? eventId : change.triggerEventId();
        ObligationTerms terms = new ObligationTerms(change.allianceId(), title(change), change.agreementId(), change.clauseRef(),
                Category.GOVERNANCE, ObligationType.PARTNER_NOTICE, Direction.OWED_BY_US, owner, null, null, null, null,
                Schedule.once(change.dueDate()));
        register.registerOnce(obligationId(change), terms, "alliance-service", source, new ActionLink(change.impactId(), change.actionId()))
                .ifPresent(o -> log.info("Partner notice {} due {} for {} (action {})", o.id(), change.dueDate(), change.allianceId(),
                        change.actionId()));
    }

    private void dismissed(ImpactActionChanged change) {
        if (change.by() == null || SYSTEM.equals(change.by())) {
            // Windshift closed the action itself because a fact arrived (e.g. this obligation was fulfilled or waived).
            return;
        }
        Optional<Obligation> notice = register.find(obligationId(change));
        if (notice.isEmpty()) {
            log.info("Partner notice action {} dismissed but no notice obligation {} exists", change.actionId(), obligationId(change));
            return;
        }
        String reason = change.note() == null || change.note().isBlank()
                ? "partner notice dismissed on impact " + change.impactId() : change.note().strip();
        for (Occurrence occurrence : register.occurrencesOf(notice.get())) {
            if (occurrence.state().isClosed()) {
                continue;
            }
            try {
                updates.waive(occurrence.id(), reason, change.by());
            } catch (OccurrenceClosedException e) {
                // Fulfilled or waived meanwhile: nothing left to waive.
            }
        }
    }

    private void assigned(ImpactActionChanged change) {
        if (change.assigneeId() == null || change.assigneeId().isBlank()) {
            return;
        }
        register.find(obligationId(change)).ifPresentOrElse(
                notice -> register.assignOwner(notice.id(), change.assigneeId(), change.by() == null ? SYSTEM : change.by()),
                () -> log.info("Partner notice action {} assigned but no notice obligation {} exists", change.actionId(), obligationId(change)));
    }

    /** alliance-service names the obligation; an event without the name still gets one stable id per action. */
    static String obligationId(ImpactActionChanged change) {
        return change.noticeObligationId() != null ? change.noticeObligationId()
                : "ob-notice-" + EventIds.derived(change.impactId(), change.actionId());
    }

    /** The action's own words (e.g. "Notify Helios Bio by 2026-12-15 under section 4.2 of agr-3"), else the seat's change. */
    static String title(ImpactActionChanged change) {
        if (change.title() != null && !change.title().isBlank()) {
            return change.title().strip();
        }
        return "Notify the partner of the " + seat(change.seat()) + " change on "
                + (change.allianceName() == null ? change.allianceId() : change.allianceName());
    }

    /** EXECUTIVE_SPONSOR: "executive sponsor"; GOVERNANCE:JSC: "JSC membership". */
    static String seat(String seat) {
        if (seat == null || seat.isBlank()) {
            return "team";
        }
        if (seat.startsWith("GOVERNANCE:")) {
            return seat.substring("GOVERNANCE:".length()) + " membership";
        }
        return seat.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
