package io.windshift.alliance.impact;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.alliance.portfolio.Alliance;
import io.windshift.alliance.portfolio.AllianceProfile;
import io.windshift.alliance.portfolio.AllianceStatus;
import io.windshift.alliance.portfolio.AllianceType;
import io.windshift.alliance.portfolio.Finding;
import io.windshift.alliance.portfolio.ImpactKind;
import io.windshift.alliance.portfolio.PortfolioPolicy;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Severity;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.TeamSeat;
import io.windshift.alliance.portfolio.Tier;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeImpactTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Alliance HELIOS = Alliance.register("al-1", new AllianceProfile("Helios oncology", "Helios Bio", "HLX-201",
                    AllianceType.CO_DEVELOPMENT, Stage.LATE, AllianceStatus.ACTIVE, Tier.STRATEGIC),
            List.of(new TeamSeat(Role.PARTNERSHIP_LEAD, "p-lead"), new TeamSeat(Role.ALLIANCE_MANAGER, "p-am")), List.of(), List.of(),
            PortfolioPolicy.defaults(), LocalDate.parse("2026-11-20"), NOW).alliance();

    static final Finding SPONSOR = Finding.of(ImpactKind.SPONSOR_VACANT, "EXECUTIVE_SPONSOR", "p-s", "EXECUTIVE_SPONSOR vacated (TERMINATED)")
            .named("Sofia Marchetti");
    static final Finding NOTICE = new Finding(ImpactKind.PARTNER_NOTICE_REQUIRED, "EXECUTIVE_SPONSOR", "p-s",
            "notify Helios Bio by 2026-12-04 under section 4.2 of agr-3", "4.2", LocalDate.parse("2026-12-04"));
    static final Finding MOVED = Finding.of(ImpactKind.ROLE_HOLDER_MOVED, "PARTNERSHIP_LEAD", "p-lead", "moved to org unit ou-com");

    @Test
    void theSameFactTwiceIsOneFindingAndNoNewRevision() {
        ChangeImpact impact = ChangeImpact.open("hr-1", "hr.org.reorganized", HELIOS);
        assertThat(impact.assess(List.of(MOVED, SPONSOR, NOTICE), NOW)).isTrue();
        assertThat(impact.assess(List.of(SPONSOR, Finding.of(ImpactKind.SPONSOR_VACANT, "EXECUTIVE_SPONSOR", "p-s", "other words")), NOW)).isFalse();

        assertThat(impact.revision()).isEqualTo(1);
        assertThat(impact.pendingEvents()).hasSize(1);
        assertThat(impact.findings()).extracting(Finding::kind)
                .containsExactly(ImpactKind.SPONSOR_VACANT, ImpactKind.PARTNER_NOTICE_REQUIRED, ImpactKind.ROLE_HOLDER_MOVED);
        assertThat(impact.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(impact.id()).isEqualTo(ChangeImpact.idOf("hr-1", "al-1"));
    }

    @Test
    void suggestedActionsSayWhatToDoWithTheNoticeDueAndNamePeople() {
        ChangeImpact impact = ChangeImpact.open("hr-1", "hr.org.reorganized", HELIOS);
        impact.assess(List.of(MOVED, SPONSOR, NOTICE), NOW);

        assertThat(impact.suggestedActions()).containsExactly(
                "Name an interim executive sponsor for Helios oncology; notify Helios Bio by 2026-12-04 under section 4.2 of agr-3",
                "Confirm p-lead stays PARTNERSHIP_LEAD of Helios oncology (moved to org unit ou-com)");
    }

    @Test
    void aLaterFactOfTheSameTriggerIsANewRevisionOfTheSameImpact() {
        ChangeImpact impact = ChangeImpact.open("hr-1", "hr.org.reorganized", HELIOS);
        impact.assess(List.of(MOVED), NOW);
        impact.assess(List.of(Finding.of(ImpactKind.OBLIGATION_OWNER_VACANT, "OBLIGATION:ob-1", "p-am", "obligation 'Milestone' (ob-1) owned by p-am")), NOW);

        assertThat(impact.revision()).isEqualTo(2);
        ChangeImpactAssessed latest = io.windshift.contract.EventJson.read(impact.pendingEvents().getLast().envelope()).dataAs(ChangeImpactAssessed.class);
        assertThat(latest.revision()).isEqualTo(2);
        assertThat(latest.impactId()).isEqualTo(impact.id());
        assertThat(latest.findings()).extracting(ChangeImpactAssessed.Finding::kind).containsExactly("OBLIGATION_OWNER_VACANT", "ROLE_HOLDER_MOVED");
        assertThat(impact.pendingEvents().getFirst().eventId()).isNotEqualTo(impact.pendingEvents().getLast().eventId());
        assertThat(impact.suggestedActions().getFirst()).isEqualTo("Reassign obligation 'Milestone' (ob-1) owned by p-am on Helios oncology");
    }

    @Test
    void aRescindSaysNothingIsNeededAnyMoreAndWhatWasNotGivenBack() {
        ChangeImpact impact = ChangeImpact.open("hr-1", "hr.org.reorganized", HELIOS);
        impact.assess(List.of(SPONSOR), NOW);
        assertThat(impact.rescind(List.of("p-s was not restored as EXECUTIVE_SPONSOR: p-t holds it since 2026-11-21"), "hr-2", NOW)).isTrue();
        assertThat(impact.rescind(List.of(), "hr-2", NOW)).isFalse();

        assertThat(impact.status()).isEqualTo(ChangeImpact.Status.RESCINDED);
        assertThat(impact.suggestedActions()).hasSize(2);
        assertThat(impact.suggestedActions().get(0)).startsWith("No action needed for Helios oncology: HR rescinded hr-1 (rescind hr-2)");
        assertThat(impact.suggestedActions().get(1)).startsWith("Check Helios oncology: p-s was not restored");
    }
}
