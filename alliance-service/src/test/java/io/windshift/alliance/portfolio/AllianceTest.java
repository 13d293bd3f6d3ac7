package io.windshift.alliance.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.contract.EventType;
import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.RoleVacated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllianceTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    static final AllianceProfile HELIOS = new AllianceProfile("Helios oncology", "Helios Bio", "HLX-201",
            AllianceType.CO_DEVELOPMENT, Stage.LATE, AllianceStatus.ACTIVE, Tier.STRATEGIC);

    static Alliance helios(List<TeamSeat> team) {
        return Alliance.register("al-1", HELIOS, team, TODAY, Instant.parse("2026-11-20T10:00:00Z")).alliance();
    }

    static final List<TeamSeat> TEAM = List.of(
            new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"),
            new TeamSeat(Role.ALLIANCE_MANAGER, "p-am"),
            new TeamSeat(Role.EXECUTIVE_SPONSOR, "p-sponsor"),
            new TeamSeat(Role.FINANCE_LEAD, "p-am"));

    @Test
    void registrationAnnouncesTheWholeTeam() {
        Alliance.Registration registration = Alliance.register("al-1", HELIOS, TEAM, TODAY, Instant.now());
        assertThat(registration.event().type()).isEqualTo(EventType.ALLIANCE_REGISTERED);
        AllianceRegistered registered = (AllianceRegistered) registration.event().payload();
        assertThat(registered.team()).hasSize(4);
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
        Alliance alliance = Alliance.register("al-2", lowTouch, List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead")), TODAY, Instant.now()).alliance();
        assertThat(alliance.vacantRoles()).isEmpty();
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

    @Test
    void aDepartureVacatesEveryRoleOfThatPersonAndNobodyIsPutInTheirPlace() {
        Alliance alliance = helios(TEAM);
        List<AllianceEvent> events = alliance.vacateRolesOf("p-am", "TERMINATED", TODAY.plusDays(10), "hr-evt-1");

        assertThat(events).extracting(e -> ((RoleVacated) e.payload()).role()).containsExactly("ALLIANCE_MANAGER", "FINANCE_LEAD");
        assertThat(events).allSatisfy(e -> {
            RoleVacated vacated = (RoleVacated) e.payload();
            assertThat(vacated.triggerEventId()).isEqualTo("hr-evt-1");
            assertThat(vacated.effectiveDate()).isEqualTo(TODAY.plusDays(10));
            assertThat(vacated.tier()).isEqualTo("STRATEGIC");
        });
        assertThat(alliance.currentHolderOf(Role.ALLIANCE_MANAGER)).isEmpty();
        assertThat(alliance.vacantRoles()).containsExactly(Role.ALLIANCE_MANAGER);
        assertThat(alliance.involves("p-am")).isFalse();
        assertThat(alliance.assignments()).filteredOn(a -> a.personId().equals("p-am"))
                .allSatisfy(a -> {
                    assertThat(a.until()).isEqualTo(TODAY.plusDays(10));
                    assertThat(a.endReason()).isEqualTo("TERMINATED");
                    assertThat(a.endedBy()).isEqualTo("hr-evt-1");
                });
    }

    @Test
    void vacatingIsIdempotentAndItsEventIdsAreDeterministic() {
        Alliance first = helios(TEAM);
        Alliance second = helios(TEAM);
        List<AllianceEvent> a = first.vacateRolesOf("p-am", "TERMINATED", TODAY, "hr-evt-1");
        List<AllianceEvent> b = second.vacateRolesOf("p-am", "TERMINATED", TODAY, "hr-evt-1");

        assertThat(a).extracting(AllianceEvent::eventId).isEqualTo(b.stream().map(AllianceEvent::eventId).toList());
        assertThat(first.vacateRolesOf("p-am", "TERMINATED", TODAY, "hr-evt-1")).isEmpty();
        assertThat(first.vacateRolesOf("p-nobody", "TERMINATED", TODAY, "hr-evt-2")).isEmpty();
    }

    @Test
    void assigningASingleHolderRoleEndsThePreviousHolderAndKeepsHistory() {
        Alliance alliance = helios(TEAM);
        AllianceEvent event = alliance.assign(Role.EXECUTIVE_SPONSOR, "p-new-sponsor", TODAY.plusDays(1), null).orElseThrow();

        assertThat(event.type()).isEqualTo(EventType.ALLIANCE_ROLE_ASSIGNED);
        assertThat(alliance.currentHolderOf(Role.EXECUTIVE_SPONSOR)).get().extracting(RoleAssignment::personId).isEqualTo("p-new-sponsor");
        assertThat(alliance.assignments()).filteredOn(a -> a.personId().equals("p-sponsor")).singleElement()
                .satisfies(a -> assertThat(a.endReason()).isEqualTo("REASSIGNED"));
        assertThat(alliance.assign(Role.EXECUTIVE_SPONSOR, "p-new-sponsor", TODAY, null)).isEmpty();
    }
}
