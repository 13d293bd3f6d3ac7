package io.windshift.obligation.register;

import io.windshift.contract.EventType;

/** A domain event of the register, keyed by its obligation; wrapped in a CloudEvent for the outbox. */
public record ObligationEvent(String eventId, EventType type, String obligationId, Object payload) {
}
