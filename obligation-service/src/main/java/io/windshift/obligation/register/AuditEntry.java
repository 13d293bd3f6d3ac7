package io.windshift.obligation.register;

import java.time.Instant;

/** One change in an obligation's history: who did what, when. {@code by} is a person, client or trigger event. */
public record AuditEntry(Instant at, String by, String action, String detail) {
}
