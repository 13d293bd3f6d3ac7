package io.windshift.contract.alliance;

/** One seat of an alliance's Partnership Management Team on the wire. */
public record TeamMember(String role, String personId) {
}
