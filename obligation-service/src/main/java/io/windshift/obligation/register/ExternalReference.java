package io.windshift.obligation.register;

/**
 * A key the finance system knows this obligation by (an invoice number, a purchase order, a milestone reference),
 * for the whole obligation or, with {@code occurrenceId}, for one of its due dates. Unique across the register.
 */
public record ExternalReference(Kind kind, String value, String occurrenceId) {

    public enum Kind { INVOICE, PURCHASE_ORDER, MILESTONE, OTHER }
}
