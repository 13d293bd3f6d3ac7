package io.windshift.alliance.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.contract.EventJson;
import io.windshift.contract.alliance.ImpactActionChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The rules of actions: which findings become work, how the impact's status follows them, what closes them. */
class ImpactActionTest {

    static final Instant NOW = ChangeImpactTest.NOW;
    static final Finding SPONSOR = ChangeImpactTest.SPONSOR;
    static final Finding NOTICE = ChangeImpactTest.NOTICE;
    static final Finding MOVED = ChangeImpactTest.MOVED;
    static final Finding JSC = Finding.of(ImpactKind.GOVERNANCE_SEAT_VACANT, "GOVERNANCE:JSC", "p-s", "JSC seat vacated (TERMINATED)");
    static final Finding JSC_TOO = Finding.of(ImpactKind.GOVERNANCE_SEAT_VACANT, "GOVERNANCE:JSC", "p-t", "JSC seat vacated (TERMINATED)");

    /** Vacancies saved at alliance version 4; the JSC had p-x and p-y left. */
    static Function<Finding, ImpactAction> planner(String impactId) {
        return f -> ImpactAction.open(ActionPlanner.actionId(impactId, f), f.kind(), f.seat(), f.personId(), f.detail(), "p-am",
                f.dueDate(), null, f.clauseRef(), f.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED ? "ob-notice-1" : null, null,
                f.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED ? ActionFact.notice("ob-notice-1") : ActionFact.seat("al-1", f.seat()),
                f.kind() == ImpactKind.PARTNER_NOTICE_REQUIRED ? 0 : 4,
                List.of("p-x", "p-y"), NOW);
    }

    static ChangeImpact assessed(Finding... findings) {
        ChangeImpact impact = ChangeImpact.open("hr-1", "hr.org.reorganized", ChangeImpactTest.HELIOS);
        impact.assess(List.of(findings), planner(impact.id()), NOW);
        return impact;
    }

    @Test
    void everyFindingThatNeedsSomeoneIsAnOpenActionAndAMoveIsOnlyTold() {
        ChangeImpact impact = assessed(SPONSOR, NOTICE, MOVED);

        assertThat(impact.actions()).extracting(ImpactAction::kind).containsExactlyInAnyOrder(ImpactKind.SPONSOR_VACANT,
                ImpactKind.PARTNER_NOTICE_REQUIRED);
        assertThat(impact.actions()).allSatisfy(a -> {
            assertThat(a.state()).isEqualTo(ImpactAction.State.OPEN);
            assertThat(a.history()).extracting(ImpactAction.Change::change).containsExactly("OPENED");
        });
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.OPEN);
        assertThat(changes(impact)).extracting(ImpactActionChanged::change).containsExactly("OPENED", "OPENED");
        // The same findings again open nothing new.
        impact.assess(List.of(SPONSOR, NOTICE), planner(impact.id()), NOW);
        assertThat(impact.actions()).hasSize(2);
    }

    @Test
    void theStatusFollowsTheActionsAndResolvesOnceWhenTheLastCloses() {
        ChangeImpact impact = assessed(SPONSOR, NOTICE);
        ImpactAction sponsor = ImpactActionsIT.action(impact, "SPONSOR_VACANT", null);
        ImpactAction notice = ImpactActionsIT.action(impact, "PARTNER_NOTICE_REQUIRED", null);

        impact.assign(sponsor.id(), "p-lead", "p-head", NOW);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.IN_PROGRESS);
        impact.complete(sponsor.id(), "p-lead", "Dr Ito named interim sponsor", NOW);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.IN_PROGRESS);
        impact.dismiss(notice.id(), "p-am", "the partner waived notice", NOW);

        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.RESOLVED);
        assertThat(impact.action(sponsor.id()).orElseThrow().history()).extracting(ImpactAction.Change::by, ImpactAction.Change::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system", "OPENED"), org.assertj.core.groups.Tuple.tuple("p-head", "ASSIGNED"),
                        org.assertj.core.groups.Tuple.tuple("p-lead", "COMPLETED"));
        assertThat(impact.action(notice.id()).orElseThrow().history().getLast().note()).isEqualTo("the partner waived notice");
        assertThat(impact.pendingEvents()).filteredOn(e -> e.type().equals("alliance.change-impact-resolved")).hasSize(1);
        ImpactActionChanged last = changes(impact).getLast();
        assertThat(last.impactStatus()).isEqualTo("RESOLVED");
        assertThat(last.progress()).isEqualTo(new ImpactActionChanged.Progress(2, 0, 1, 1));
    }

    @Test
    void aClosedActionCannotBeClosedOrAssignedAgain() {
        ChangeImpact impact = assessed(SPONSOR);
        String id = impact.actions().getFirst().id();
        impact.complete(id, "p-am", null, NOW);

        assertThatThrownBy(() -> impact.complete(id, "p-am", null, NOW)).isInstanceOf(ActionAlreadyClosed.class);
        assertThatThrownBy(() -> impact.dismiss(id, "p-am", "why", NOW)).isInstanceOf(ActionAlreadyClosed.class);
        assertThatThrownBy(() -> impact.assign(id, "p-x", "p-am", NOW)).isInstanceOf(ActionAlreadyClosed.class);
    }

    @Test
    void aSeatFilledAtOrAfterTheVacancyClosesItAnEarlierFillDoesNot() {
        ChangeImpact impact = assessed(SPONSOR);
        ActionFact older = ActionFact.done(ActionFact.seat("al-1", "EXECUTIVE_SPONSOR"), 3, "e-old", "alliance.role-assigned", "p-q is sponsor");
        assertThat(impact.settle(older, NOW)).isEmpty();

        ActionFact later = ActionFact.done(ActionFact.seat("al-1", "EXECUTIVE_SPONSOR"), 6, "e-new", "alliance.role-assigned", "p-r is sponsor");
        assertThat(impact.settle(later, NOW)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(ImpactAction.State.DONE);
            assertThat(a.history().getLast()).extracting(ImpactAction.Change::by, ImpactAction.Change::eventId).containsExactly("system", "e-new");
        });
        // Redelivered, it changes nothing.
        int revision = impact.revision();
        assertThat(impact.settle(later, NOW)).isEmpty();
        assertThat(impact.revision()).isEqualTo(revision);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.RESOLVED);
    }

    @Test
    void aGovernanceSeatClosesOncePerNewcomerToTheBody() {
        ChangeImpact impact = assessed(JSC, JSC_TOO);
        String key = ActionFact.seat("al-1", "GOVERNANCE:JSC");

        assertThat(impact.settle(new ActionFact(key, 5, "e-1", "alliance.governance-changed", null, false, List.of("p-x", "p-y")), NOW)).isEmpty();
        assertThat(impact.settle(new ActionFact(key, 6, "e-2", "alliance.governance-changed", null, false, List.of("p-x", "p-y", "p-new")), NOW))
                .hasSize(1);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.IN_PROGRESS);
        assertThat(impact.settle(new ActionFact(key, 7, "e-3", "alliance.governance-changed", null, false, List.of("p-x", "p-new", "p-new2")), NOW))
                .hasSize(1);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.RESOLVED);
    }

    @Test
    void aWaivedNoticeDismissesItsActionAndARescindDismissesWhatIsLeft() {
        ChangeImpact impact = assessed(SPONSOR, NOTICE);
        impact.settle(new ActionFact(ActionFact.notice("ob-notice-1"), 0, "e-w", "obligation.waived", "notice obligation waived", true, null), NOW);
        assertThat(ImpactActionsIT.action(impact, "PARTNER_NOTICE_REQUIRED", null).state()).isEqualTo(ImpactAction.State.DISMISSED);

        impact.rescind(List.of(), "hr-2", NOW);
        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.RESCINDED);
        assertThat(impact.actions()).allSatisfy(a -> assertThat(a.isOpen()).isFalse());
        assertThat(ImpactActionsIT.action(impact, "SPONSOR_VACANT", null).history().getLast().note()).isEqualTo("HR rescinded hr-1");
        assertThatThrownBy(() -> impact.complete(impact.actions().getFirst().id(), "p-am", null, NOW)).isInstanceOf(ActionAlreadyClosed.class);
    }

    @Test
    void businessDaysSkipWeekends() {
        assertThat(ActionPolicy.addBusinessDays(LocalDate.parse("2027-01-08"), 5)).isEqualTo(LocalDate.parse("2027-01-15"));
        assertThat(ActionPolicy.addBusinessDays(LocalDate.parse("2027-01-10"), 1)).isEqualTo(LocalDate.parse("2027-01-11"));
    }

    private static List<ImpactActionChanged> changes(ChangeImpact impact) {
        return impact.pendingEvents().stream().filter(e -> e.type().equals("alliance.impact-action-changed"))
                .map(e -> EventJson.read(e.envelope()).dataAs(ImpactActionChanged.class)).toList();
    }
}
