package io.windshift.alliance.people;

public enum PersonStatus {
    ACTIVE,
    ON_LEAVE,
    DEPARTED
}
