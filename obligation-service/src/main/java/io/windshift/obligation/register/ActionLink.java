package io.windshift.obligation.register;

/**
 * The alliance impact action an obligation tracks: a partner notice is registered when alliance-service opens
 * the action ({@code alliance.impact-action-changed}) and follows it (dismissed: waived; reassigned: new owner).
 */
public record ActionLink(String impactId, String actionId) {
}
