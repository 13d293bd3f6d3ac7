package io.windshift.obligation.register;

/** The specific obligation; payment types are what finance sees and what invoices close. */
public enum ObligationType {
    MILESTONE_PAYMENT(true),
    ROYALTY_PAYMENT(true),
    ROYALTY_REPORT(false),
    DILIGENCE(false),
    ANNUAL_REPORT(false),
    GOVERNANCE_MEETING(false),
    PARTNER_NOTICE(false),
    REGULATORY_FILING(false),
    SUPPLY_FORECAST(false),
    OTHER(false);

    private final boolean payment;

    ObligationType(boolean payment) {
        this.payment = payment;
    }

    public boolean isPayment() {
        return payment;
    }
}
