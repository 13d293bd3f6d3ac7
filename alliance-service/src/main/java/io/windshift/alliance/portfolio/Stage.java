package io.windshift.alliance.portfolio;

public enum Stage {
    DISCOVERY,
    EARLY,
    LATE,
    COMMERCIAL
}
