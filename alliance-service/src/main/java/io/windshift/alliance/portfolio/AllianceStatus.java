package io.windshift.alliance.portfolio;

public enum AllianceStatus {
    LAUNCHING,
    ACTIVE,
    TERMINATING,
    CLOSED
}
