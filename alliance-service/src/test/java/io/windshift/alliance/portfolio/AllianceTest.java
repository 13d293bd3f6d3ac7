package io.windshift.alliance.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllianceTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final AllianceProfile HELIOS = new AllianceProfile("Helios oncology", "Helios Bio", "HLX-201",
            AllianceType.CO_DEVELOPMENT, Stage.LATE, AllianceStatus.ACTIVE, Tier.STRATEGIC);
    static final PortfolioPolicy ANYONE_LEADS = PortfolioPolicy.defaults();
    static final GovernanceBody JSC = new GovernanceBody("JSC", "Joint steering committee", List.of("p-sponsor", "p-cmo"),
            List.of("k.ito@helios.example"), "QUARTERLY", LocalDate.parse("2027-01-14"));
    static final Agreement LICENSE = new Agreement("agr-3", "License and collaboration agreement", List.of(
            new Agreement.NoticeClause("4.2", Agreement.NoticeSeat.ALLIANCE_MANAGER, 14),
            new Agreement.NoticeClause("4.3", Agreement.NoticeSeat.EXECUTIVE_SPONSOR, 30),
            new Agreement.NoticeClause("9.1", Agreement.NoticeSeat.GOVERNANCE_MEMBER, 10)));

    static final List<TeamSeat> TEAM = List.of(
            new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"),
            new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"),
            new TeamSeat(Role.EXECUTIVE_SPONSOR, "p-sponsor"),
            new TeamSeat(Role.FINANCE_LEAD, "p-am"));

    static Alliance helios(List<TeamSeat> team) {
        return register(HELIOS, team, ANYONE_LEADS);
    }

    static Alliance register(AllianceProfile profile, List<TeamSeat> team, PortfolioPolicy policy) {
        return Alliance.register("al-1", profile, team, List.of(JSC), List.of(LICENSE), policy, TODAY, Instant.parse("2026-11-20T10:00:00Z")).alliance();
    }

    @Test
    void registrationAnnouncesTheWholeTeamGovernanceAndNoticeClauses() {
        Alliance.Registration registration = Alliance.register("al-1", HELIOS, TEAM, List.of(JSC), List.of(LICENSE), ANYONE_LEADS, TODAY, Instant.now());
        assertThat(registration.event().type()).isEqualTo(EventType.ALLIANCE_REGISTERED);
        AllianceRegistered registered = (AllianceRegistered) registration.event().payload();
        assertThat(registered.team()).hasSize(4);
        assertThat(registered.governanceBodies()).singleElement().satisfies(b -> assertThat(b.memberIds()).containsExactly("p-sponsor", "p-cmo"));
        assertThat(registered.noticeClauses()).extracting(c -> c.clauseRef() + ":" + c.role() + ":" + c.noticeDays())
                .containsExactly("4.2:ALLIANCE_MANAGER:14", "4.3:EXECUTIVE_SPONSOR:30", "9.1:GOVERNANCE_MEMBER:10");
        assertThat(registered.allianceVersion()).isZero();
        assertThat(registration.alliance().vacantRoles()).isEmpty();
    }

    @Test
    void exactlyOnePartnershipLeadIsRequired() {
        assertThatThrownBy(() -> helios(List.of(new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"))))
                .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("exactly one PARTNERSHIP_LEAD");
        assertThatThrownBy(() -> helios(List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "a"), new TeamSeat(Role.PARTNERSHIP_LEAD, "b"),
                new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"))))
                .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("found 2");
    }

    @Test
    void aStrategicAllianceNeedsAnAllianceManagerButALowTouchOneDoesNot() {
        assertThatThrownBy(() -> helios(List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"))))
                .isInstanceOf(TeamRuleViolation.class).hasMessageContaining("STRATEGIC alliance needs an ALLIANCE_MANAGER");
        AllianceProfile lowTouch = new AllianceProfile("Small license", "Tiny Bio", null, AllianceType.LICENSE, Stage.EARLY,
                AllianceStatus.ACTIVE, Tier.LOW_TOUCH);
        assertThat(register(lowTouch, List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead")), ANYONE_LEADS).vacantRoles()).isEmpty();
    }

    @Test
    void singleHolderRolesCannotBeSharedAndSeatsCannotRepeat() {
        assertThatThrownBy(() -> helios(List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"), new TeamSeat(Role.ALLIANCE_MANAGER, "a"),
                new TeamSeat(Role.ALLIANCE_MANAGER, "b"))))
                .isInstanceOf(TeamRuleViolation.class).extracting("field").isEqualTo("team[2].role");
        assertThatThrownBy(() -> helios(List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"), new TeamSeat(Role.ALLIANCE_MANAGER, "a"),
                new TeamSeat(Role.LEGAL, "x"), new TeamSeat(Role.LEGAL, "x"))))
                .isInstanceOf(TeamRuleViolation.class).extracting("field").isEqualTo("team[3]");
    }

    /** Amgen's model: the product team leader (PROGRAM_MANAGER) leads early, the alliance manager leads late-stage commercial. */
    @Test
    void whoLeadsDependsOnTheStageUnderTheCompanysModel() {
        PortfolioPolicy amgen = new PortfolioPolicy(5, PortfolioPolicy.CapacityPolicy.REFUSE,
                Map.of(Stage.EARLY, Role.PROGRAM_MANAGER, Stage.LATE, Role.ALLIANCE_MANAGER, Stage.COMMERCIAL, Role.ALLIANCE_MANAGER));
        List<TeamSeat> amLeads = List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-am"), new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"),
                new TeamSeat(Role.PROGRAM_MANAGER, "p-ptl"));
        List<TeamSeat> ptlLeads = List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-ptl"), new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"),
                new TeamSeat(Role.PROGRAM_MANAGER, "p-ptl"));
        AllianceProfile early = new AllianceProfile("Nova", "Nova Tx", "NVX-1", AllianceType.RESEARCH, Stage.EARLY, AllianceStatus.ACTIVE, Tier.STRATEGIC);

        assertThat(register(HELIOS, amLeads, amgen).currentHolderOf(Role.PARTNERSHIP_LEAD)).get().extracting(RoleAssignment::personId).isEqualTo("p-am");
        assertThatThrownBy(() -> register(HELIOS, ptlLeads, amgen)).isInstanceOf(TeamRuleViolation.class)
                .hasMessageContaining("at stage LATE the PARTNERSHIP_LEAD must also be the ALLIANCE_MANAGER");
        assertThat(register(early, ptlLeads, amgen).currentHolderOf(Role.PARTNERSHIP_LEAD)).get().extracting(RoleAssignment::personId).isEqualTo("p-ptl");
        assertThatThrownBy(() -> register(early, amLeads, amgen)).isInstanceOf(TeamRuleViolation.class).hasMessageContaining("PROGRAM_MANAGER");
        // A stage the model does not name: anyone may lead.
        AllianceProfile discovery = new AllianceProfile("Seed", "Seed Bio", null, AllianceType.RESEARCH, Stage.DISCOVERY, AllianceStatus.ACTIVE, Tier.STANDARD);
        assertThat(register(discovery, List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-anyone")), amgen).vacantRoles()).isEmpty();

        // Under the model the lead follows the alliance manager; naming someone else lead is refused.
        Alliance late = register(HELIOS, amLeads, amgen);
        List<AllianceEvent> events = late.assign(Role.ALLIANCE_MANAGER, "p-am2", amgen, TODAY);
        assertThat(late.currentHolderOf(Role.PARTNERSHIP_LEAD)).get().extracting(RoleAssignment::personId).isEqualTo("p-am2");
        assertThat(events).extracting(AllianceEvent::type).containsExactly(EventType.ALLIANCE_ROLE_ASSIGNED, EventType.ALLIANCE_MANAGER_CHANGED,
                EventType.ALLIANCE_ROLE_ASSIGNED);
        assertThatThrownBy(() -> late.assign(Role.PARTNERSHIP_LEAD, "p-ptl", amgen, TODAY)).isInstanceOf(TeamRuleViolation.class)
                .extracting("field").isEqualTo("personId");
    }

    @Test
    void aDepartureVacatesEveryRoleAndGovernanceSeatAndNamesThePartnerNoticesDue() {
        Alliance alliance = helios(List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"), new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"),
                new TeamSeat(Role.EXECUTIVE_SPONSOR, "p-sponsor"), new TeamSeat(Role.FINANCE_LEAD, "p-sponsor")));
        Alliance.Vacancy vacancy = alliance.vacateSeatsOf("p-sponsor", "TERMINATED", TODAY.plusDays(10), "hr-evt-1");

        assertThat(vacancy.events()).extracting(AllianceEvent::type).containsExactly(EventType.ALLIANCE_ROLE_VACATED,
                EventType.ALLIANCE_SPONSOR_CHANGED, EventType.ALLIANCE_ROLE_VACATED, EventType.ALLIANCE_GOVERNANCE_CHANGED);
        assertThat(vacancy.events()).filteredOn(e -> e.payload() instanceof RoleVacated).allSatisfy(e -> {
            RoleVacated vacated = (RoleVacated) e.payload();
            assertThat(vacated.triggerEventId()).isEqualTo("hr-evt-1");
            assertThat(vacated.effectiveDate()).isEqualTo(TODAY.plusDays(10));
        });
        KeyRoleChanged sponsorChanged = (KeyRoleChanged) vacancy.events().get(1).payload();
        assertThat(sponsorChanged.newPersonId()).isNull();
        assertThat(sponsorChanged.partnerNotices()).singleElement().satisfies(n -> {
            assertThat(n.clauseRef()).isEqualTo("4.3");
            assertThat(n.dueDate()).isEqualTo(TODAY.plusDays(40));
        });
        assertThat(((GovernanceChanged) vacancy.events().get(3).payload()).governanceBodies().getFirst().memberIds()).containsExactly("p-cmo");
        assertThat(vacancy.findings()).extracting(Finding::kind).containsExactly(ImpactKind.SPONSOR_VACANT, ImpactKind.PARTNER_NOTICE_REQUIRED,
                ImpactKind.ROLE_VACANT, ImpactKind.GOVERNANCE_SEAT_VACANT, ImpactKind.PARTNER_NOTICE_REQUIRED);
        assertThat(vacancy.findings().get(1).detail()).isEqualTo("notify Helios Bio by 2026-12-30 under section 4.3 of agr-3");
        assertThat(alliance.currentHolderOf(Role.EXECUTIVE_SPONSOR)).isEmpty();
        assertThat(alliance.seats("p-sponsor")).isFalse();
        assertThat(alliance.assignments()).filteredOn(a -> a.personId().equals("p-sponsor"))
                .allSatisfy(a -> assertThat(a.endedBy()).isEqualTo("hr-evt-1"));
    }

    @Test
    void vacatingIsIdempotentAndItsEventIdsAreDeterministic() {
        Alliance first = helios(TEAM);
        Alliance second = helios(TEAM);
        Alliance.Vacancy a = first.vacateSeatsOf("p-am", "TERMINATED", TODAY, "hr-evt-1");
        Alliance.Vacancy b = second.vacateSeatsOf("p-am", "TERMINATED", TODAY, "hr-evt-1");

        assertThat(a.events()).extracting(AllianceEvent::eventId).isEqualTo(b.events().stream().map(AllianceEvent::eventId).toList());
        assertThat(first.vacateSeatsOf("p-am", "TERMINATED", TODAY, "hr-evt-1").isEmpty()).isTrue();
        assertThat(first.vacateSeatsOf("p-nobody", "TERMINATED", TODAY, "hr-evt-2").isEmpty()).isTrue();
    }

    @Test
    void aRescindGivesBackTheSeatsUnlessSomeoneTookThemSince() {
        Alliance alliance = helios(TEAM);
        Alliance.Vacancy vacancy = alliance.vacateSeatsOf("p-sponsor", "TERMINATED", TODAY, "hr-evt-1");
        alliance.vacateSeatsOf("p-am", "TERMINATED", TODAY, "hr-evt-1");
        alliance.assign(Role.ALLIANCE_MANAGER, "p-am2", ANYONE_LEADS, TODAY);
        List<Finding> seats = vacancy.findings().stream().filter(f -> f.kind() == ImpactKind.GOVERNANCE_SEAT_VACANT).toList();

        Alliance.Restoration restoration = alliance.restoreSeatsVacatedBy("hr-evt-1", seats, "hr-evt-2");

        assertThat(alliance.holds("p-sponsor", Role.EXECUTIVE_SPONSOR)).isTrue();
        assertThat(alliance.governanceBodies().getFirst().hasMember("p-sponsor")).isTrue();
        assertThat(alliance.holds("p-am", Role.FINANCE_LEAD)).isTrue();
        assertThat(alliance.holds("p-am", Role.ALLIANCE_MANAGER)).isFalse();
        assertThat(restoration.notes()).contains("p-sponsor restored as EXECUTIVE_SPONSOR", "p-sponsor restored to the JSC")
                .anySatisfy(n -> assertThat(n).startsWith("p-am was not restored as ALLIANCE_MANAGER: p-am2 holds it"));
        assertThat(restoration.events()).extracting(AllianceEvent::type).contains(EventType.ALLIANCE_SPONSOR_CHANGED, EventType.ALLIANCE_GOVERNANCE_CHANGED);
        assertThat(alliance.restoreSeatsVacatedBy("hr-evt-1", List.of(), "hr-evt-2").events()).isEmpty();
    }

    @Test
    void namingASponsorIsASponsorChangeThatCarriesThePartnerNoticeAndKeepsHistory() {
        Alliance alliance = helios(TEAM);
        List<AllianceEvent> events = alliance.assign(Role.EXECUTIVE_SPONSOR, "p-new-sponsor", ANYONE_LEADS, TODAY.plusDays(1));

        assertThat(events).extracting(AllianceEvent::type).containsExactly(EventType.ALLIANCE_ROLE_ASSIGNED, EventType.ALLIANCE_SPONSOR_CHANGED);
        KeyRoleChanged changed = (KeyRoleChanged) events.get(1).payload();
        assertThat(changed.previousPersonId()).isEqualTo("p-sponsor");
        assertThat(changed.triggerEventId()).isEqualTo(events.get(1).eventId());
        assertThat(((RoleAssigned) events.getFirst().payload()).triggerEventId()).isEqualTo(events.get(1).eventId());
        assertThat(changed.partnerNotices()).singleElement().satisfies(n -> assertThat(n.dueDate()).isEqualTo(TODAY.plusDays(31)));
        assertThat(alliance.assignments()).filteredOn(a -> a.personId().equals("p-sponsor")).singleElement()
                .satisfies(a -> assertThat(a.endReason()).isEqualTo("REASSIGNED"));
        assertThat(alliance.assign(Role.EXECUTIVE_SPONSOR, "p-new-sponsor", ANYONE_LEADS, TODAY)).isEmpty();
    }

    @Test
    void severityFollowsTierAndStage() {
        assertThat(Severity.of(Tier.STRATEGIC, Stage.LATE, ImpactKind.SPONSOR_VACANT)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.of(Tier.STRATEGIC, Stage.EARLY, ImpactKind.SPONSOR_VACANT)).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(Tier.STANDARD, Stage.COMMERCIAL, ImpactKind.LEAD_VACANT)).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(Tier.STANDARD, Stage.DISCOVERY, ImpactKind.LEAD_VACANT)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.of(Tier.LOW_TOUCH, Stage.EARLY, ImpactKind.ALLIANCE_MANAGER_VACANT)).isEqualTo(Severity.LOW);
        assertThat(Severity.of(Tier.STRATEGIC, Stage.LATE, ImpactKind.GOVERNANCE_SEAT_VACANT)).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(Tier.STRATEGIC, Stage.LATE, ImpactKind.ROLE_HOLDER_MOVED)).isEqualTo(Severity.LOW);
    }

    @Test
    void aReprioritisationThatMakesAnAllianceStrategicAsksForAnAllianceManagerAndALeadWhoFitsTheModel() {
        PortfolioPolicy amgen = new PortfolioPolicy(5, PortfolioPolicy.CapacityPolicy.REFUSE, Map.of(Stage.COMMERCIAL, Role.ALLIANCE_MANAGER));
        AllianceProfile standard = new AllianceProfile("Lyra", "Lyra Immuno", "LYR-PD1", AllianceType.CO_DEVELOPMENT, Stage.LATE,
                AllianceStatus.ACTIVE, Tier.STANDARD);
        Alliance alliance = register(standard, List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-ptl")), amgen);

        Alliance.Vacancy outcome = alliance.reprioritise(Tier.STRATEGIC, Stage.COMMERCIAL, null, "launch priority", amgen, "evt-r");

        assertThat(alliance.tier()).isEqualTo(Tier.STRATEGIC);
        assertThat(alliance.stage()).isEqualTo(Stage.COMMERCIAL);
        assertThat(outcome.findings()).extracting(Finding::kind).containsExactly(ImpactKind.ALLIANCE_MANAGER_VACANT, ImpactKind.LEAD_VACANT);
        assertThat(outcome.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(EventType.ALLIANCE_REPRIORITISED));
        assertThat(alliance.reprioritise(Tier.STRATEGIC, null, null, "again", amgen, "evt-r2").isEmpty()).isTrue();
    }
}
