package io.windshift.alliance.portfolio.api;

import io.windshift.alliance.portfolio.AllianceProfile;
import io.windshift.alliance.portfolio.AllianceStatus;
import io.windshift.alliance.portfolio.AllianceType;
import io.windshift.alliance.portfolio.Role;
import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.TeamSeat;
import io.windshift.alliance.portfolio.Tier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Seat> team) {

    public record Seat(@NotNull Role role, @NotBlank @Size(max = 100) String personId) {
    }

    AllianceProfile profile() {
        return new AllianceProfile(name.strip(), partner.strip(), asset, type, stage, status == null ? AllianceStatus.ACTIVE : status, tier);
    }

    List<TeamSeat> seats() {
        return team.stream().map(s -> new TeamSeat(s.role(), s.personId().strip())).toList();
    }
}
