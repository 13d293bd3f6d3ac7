package io.windshift.alliance.portfolio;

/** A person proposed for a role. */
public record TeamSeat(Role role, String personId) {
}
