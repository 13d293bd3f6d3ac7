package io.windshift.alliance.portfolio;

/** Seats of the Partnership Management Team. */
public enum Role {
    ALLIANCE_MANAGER,
    /** The single point of accountability (GPGM, product team leader or alliance manager, by company model). */
    PARTNERSHIP_LEAD,
    EXECUTIVE_SPONSOR,
    PROGRAM_MANAGER,
    FINANCE_LEAD,
    LEGAL
}
