package io.windshift.alliance.portfolio;

/** A team that breaks a portfolio rule; {@code field} names the part of the request at fault. */
public class TeamRuleViolation extends RuntimeException {

    private final String field;

    public TeamRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
