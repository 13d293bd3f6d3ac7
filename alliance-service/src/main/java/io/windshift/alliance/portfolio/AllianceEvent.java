package io.windshift.alliance.portfolio;

import io.windshift.contract.EventType;

/** What a domain method returns: one fact, with its id and its type in the published contract. */
public record AllianceEvent(String eventId, EventType type, String allianceId, Object payload) {
}
