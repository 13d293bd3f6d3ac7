package io.windshift.alliance.portfolio.api;

import io.windshift.alliance.portfolio.Agreement;
import io.windshift.alliance.portfolio.AllianceProfile;
import io.windshift.alliance.portfolio.AllianceStatus;
import io.windshift.alliance.portfolio.AllianceType;
import io.windshift.alliance.portfolio.GovernanceBody;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.TeamSeat;
import io.windshift.alliance.portfolio.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/v1/alliances}. */
public record RegisterAllianceRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String partner,
        @Size(max = 200) String asset,
        @NotNull AllianceType type,
        @NotNull Stage stage,
        AllianceStatus status,
        @NotNull Tier tier,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Seat> team,
        @Size(max = 20) List<@Valid @NotNull Body> governanceBodies,
        @Size(max = 20) List<@Valid @NotNull AgreementTerms> agreements) {

    public record Seat(@NotNull Role role, @NotBlank @Size(max = 100) String personId) {
    }

    /** A governance body: code such as JSC, JDC, JCC; members are person ids. */
    public record Body(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z][A-Z0-9_-]*", message = "must be an upper-case code such as JSC") String code,
                       @Size(max = 200) String name,
                       @Size(max = 50) List<@NotBlank @Size(max = 100) String> memberIds,
                       @Size(max = 50) List<@NotBlank @Size(max = 200) String> partnerContacts,
                       @Size(max = 50) String cadence,
                       LocalDate nextMeeting) {

        GovernanceBody toBody() {
            return new GovernanceBody(code, name, memberIds == null ? List.of() : memberIds.stream().map(String::strip).distinct().toList(),
                    partnerContacts, cadence, nextMeeting);
        }
    }

    public record AgreementTerms(@NotBlank @Size(max = 100) String agreementId, @Size(max = 200) String title,
                                 @Size(max = 20) List<@Valid @NotNull Clause> noticeClauses) {

        Agreement toAgreement() {
            return new Agreement(agreementId.strip(), title,
                    noticeClauses == null ? List.of() : noticeClauses.stream().map(Clause::toClause).toList());
        }
    }

    /** "Tell the partner within {@code noticeDays} days when the holder of {@code seat} changes" (section {@code clauseRef}). */
    public record Clause(@NotBlank @Size(max = 50) String clauseRef, @NotNull Agreement.NoticeSeat seat, @Positive @Max(365) int noticeDays) {

        Agreement.NoticeClause toClause() {
            return new Agreement.NoticeClause(clauseRef.strip(), seat, noticeDays);
        }
    }

    AllianceProfile profile() {
        return new AllianceProfile(name.strip(), partner.strip(), asset, type, stage, status == null ? AllianceStatus.ACTIVE : status, tier);
    }

    List<TeamSeat> seats() {
        return team.stream().map(s -> new TeamSeat(s.role(), s.personId().strip())).toList();
    }

    List<GovernanceBody> bodies() {
        return governanceBodies == null ? List.of() : governanceBodies.stream().map(Body::toBody).toList();
    }

    List<Agreement> agreementList() {
        return agreements == null ? List.of() : agreements.stream().map(AgreementTerms::toAgreement).toList();
    }
}
