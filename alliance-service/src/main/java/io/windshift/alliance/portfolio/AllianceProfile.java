package io.windshift.alliance.portfolio;

/** What an alliance is, apart from who works on it. */
public record AllianceProfile(String name, String partner, String asset, AllianceType type, Stage stage,
                              AllianceStatus status, Tier tier) {
}
