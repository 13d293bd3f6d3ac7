package io.windshift.alliance.portfolio;

/** How urgently a change needs attention; ordered from least to most. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * From tier and stage: a STRATEGIC late or commercial alliance losing a key seat is critical; a
     * LOW_TOUCH one can wait. Moves and minor seats rank one lower.
     */
    public static Severity of(Tier tier, Stage stage, ImpactKind kind) {
        boolean late = stage == Stage.LATE || stage == Stage.COMMERCIAL;
        Severity base = switch (tier) {
            case STRATEGIC -> late ? CRITICAL : HIGH;
            case STANDARD -> late ? HIGH : MEDIUM;
            case LOW_TOUCH -> late ? MEDIUM : LOW;
        };
        return switch (kind) {
            case ROLE_HOLDER_MOVED, ROLE_HOLDER_BACK -> LOW;
            case ROLE_HOLDER_ON_LEAVE -> base == LOW ? LOW : values()[base.ordinal() - 1];
            case ROLE_VACANT, GOVERNANCE_SEAT_VACANT, OBLIGATION_OWNER_VACANT -> base == LOW ? LOW : values()[base.ordinal() - 1];
            default -> base;
        };
    }
}
