package io.windshift.contract.finance;

/**
 * What a finance event names to say what it settles, in the order Windshift tries them: Windshift's own obligation
 * id; the ERP's reference recorded on the obligation or occurrence (an invoice number, a purchase order, a milestone
 * reference); the invoice id as such a reference; the agreement with a milestone or clause. All optional, at least
 * one of them given ({@link #namesWhatItSettles()}).
 */
public interface FinanceKeys {

    int MAX_KEY = 200;

    String obligationId();

    String reference();

    String invoiceId();

    String agreementId();

    String milestone();

    String clauseRef();

    default boolean namesWhatItSettles() {
        return present(obligationId()) || present(reference()) || present(invoiceId())
                || present(agreementId()) && (present(milestone()) || present(clauseRef()));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
