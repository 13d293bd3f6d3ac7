package io.windshift.alliance.portfolio;

/** The hybrid model: complex alliances get an alliance manager; low-touch ones are led by another stakeholder. */
public enum Tier {
    STRATEGIC,
    STANDARD,
    LOW_TOUCH
}
