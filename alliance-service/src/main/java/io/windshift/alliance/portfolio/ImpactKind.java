package io.windshift.alliance.portfolio;

/**
 * What a change does to an alliance. {@code ROLE_VACANT} (a seat without its own kind, e.g. FINANCE_LEAD)
 * and {@code ROLE_HOLDER_MOVED} (a role holder moved org unit or manager and should confirm the role) add
 * to the kinds the spec lists, as do the two of leave, which vacate nothing.
 */
public enum ImpactKind {
    SPONSOR_VACANT,
    ALLIANCE_MANAGER_VACANT,
    LEAD_VACANT,
    GOVERNANCE_SEAT_VACANT,
    OBLIGATION_OWNER_VACANT,
    MANAGER_OVER_CAPACITY,
    PARTNER_NOTICE_REQUIRED,
    ROLE_VACANT,
    ROLE_HOLDER_MOVED,
    /** The role holder is on leave: they keep the role; the finding suggests temporary cover. */
    ROLE_HOLDER_ON_LEAVE,
    /** The role holder is back from leave: any temporary cover hands the role back. */
    ROLE_HOLDER_BACK;

    public static ImpactKind vacancyOf(Role role) {
        return switch (role) {
            case EXECUTIVE_SPONSOR -> SPONSOR_VACANT;
            case ALLIANCE_MANAGER -> ALLIANCE_MANAGER_VACANT;
            case PARTNERSHIP_LEAD -> LEAD_VACANT;
            default -> ROLE_VACANT;
        };
    }
}
