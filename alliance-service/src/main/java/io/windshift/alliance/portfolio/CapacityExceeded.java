package io.windshift.alliance.portfolio;

/** Refused under the {@code refuse} capacity policy: the manager would lead too many STRATEGIC alliances. */
public class CapacityExceeded extends TeamRuleViolation {

    public CapacityExceeded(String field, String managerId, int load, int capacity) {
        super(field, managerId + " would lead " + load + " STRATEGIC alliances; capacity is " + capacity);
    }
}
