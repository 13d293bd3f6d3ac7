package io.windshift.obligation.register;

/** What kind of duty an obligation is, as alliance contracts group them. */
public enum Category {
    FINANCIAL, DILIGENCE, REPORTING, GOVERNANCE, REGULATORY, SUPPLY, OTHER
}
