package io.windshift.obligation.finance;

import io.windshift.contract.finance.FinanceKeys;
import io.windshift.obligation.finance.UnmatchedFinanceEvent.Reason;
import io.windshift.obligation.register.Obligation;
import io.windshift.obligation.register.ObligationRegister;
import io.windshift.obligation.register.ReferenceIndex;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Finds what a finance event settles, by keyed reads only: Windshift's obligation id; else the ERP's reference, or the
 * invoice id, recorded on an obligation or occurrence ({@code ref:} entries of the {@link ReferenceIndex}); else the
 * agreement with the milestone or clause, narrowed by currency and direction. What fits nothing throws a
 * {@link Mismatch} with the reason.
 */
@Component
class FinanceMatcher {

    private final ObligationRegister register;
    private final ReferenceIndex index;

    FinanceMatcher(ObligationRegister register, ReferenceIndex index) {
        this.register = register;
        this.index = index;
    }

    /** The obligation and, when a reference names one, the occurrence. */
    record Target(Obligation obligation, String occurrenceId) {
    }

    /** Why an event does not fit, found while matching or applying it. */
    static final class Mismatch extends RuntimeException {
        final Reason reason;

        Mismatch(Reason reason, String detail) {
            super(detail);
            this.reason = reason;
        }
    }

    Target resolve(FinanceKeys keys, String currency, String direction) {
        Map<String, ReferenceIndex.Entry> found = present(keys.obligationId()) ? Map.of() : index.lookup(lookupKeys(keys));
        return resolve(keys, currency, direction, found, register::find);
    }

    /** The index keys an event without an obligation id is matched by: its references first, then its agreement keys. */
    static List<String> lookupKeys(FinanceKeys keys) {
        List<String> all = new ArrayList<>(referenceKeys(keys));
        all.addAll(agreementKeys(keys));
        return all;
    }

    /** The obligations the event may name, given the index entries read for it (what a batch reads for all its events at once). */
    static Set<String> candidateIds(FinanceKeys keys, Map<String, ReferenceIndex.Entry> found) {
        Set<String> ids = new LinkedHashSet<>();
        if (present(keys.obligationId())) {
            ids.add(keys.obligationId().strip());
            return ids;
        }
        for (String key : lookupKeys(keys)) {
            ReferenceIndex.Entry entry = found.get(key);
            if (entry != null && entry.obligationId() != null) {
                ids.add(entry.obligationId());
            }
            if (entry != null) {
                ids.addAll(entry.obligationIds());
            }
        }
        return ids;
    }

    private static List<String> referenceKeys(FinanceKeys keys) {
        List<String> references = new ArrayList<>();
        if (present(keys.reference())) {
            references.add(ReferenceIndex.referenceKey(keys.reference()));
        }
        if (present(keys.invoiceId())) {
            references.add(ReferenceIndex.referenceKey(keys.invoiceId()));
        }
        return references;
    }

    private static List<String> agreementKeys(FinanceKeys keys) {
        List<String> agreementKeys = new ArrayList<>();
        if (present(keys.agreementId()) && present(keys.milestone())) {
            agreementKeys.add(ReferenceIndex.milestoneKey(keys.agreementId(), keys.milestone()));
        }
        if (present(keys.agreementId()) && present(keys.clauseRef())) {
            agreementKeys.add(ReferenceIndex.clauseKey(keys.agreementId(), keys.clauseRef()));
        }
        return agreementKeys;
    }

    /**
     * The match, in memory: {@code found} holds the index entries of {@link #lookupKeys}, {@code find} gives an obligation by
     * id (a keyed read, or a map a batch read in one go).
     */
    Target resolve(FinanceKeys keys, String currency, String direction, Map<String, ReferenceIndex.Entry> found,
                   Function<String, Optional<Obligation>> find) {
        if (present(keys.obligationId())) {
            String id = keys.obligationId().strip();
            return new Target(find.apply(id).orElseThrow(() -> new Mismatch(Reason.UNKNOWN_OBLIGATION, "no obligation " + id)), null);
        }
        List<String> references = referenceKeys(keys);
        List<String> agreementKeys = agreementKeys(keys);
        for (String key : references) {
            ReferenceIndex.Entry entry = found.get(key);
            Optional<Obligation> obligation = entry == null ? Optional.empty() : find.apply(entry.obligationId());
            if (obligation.isPresent()) {
                return new Target(obligation.get(), entry.occurrenceId());
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        agreementKeys.stream().map(found::get).filter(e -> e != null).forEach(e -> candidates.addAll(e.obligationIds()));
        if (candidates.isEmpty()) {
            throw new Mismatch(Reason.UNKNOWN_REFERENCE, "no obligation is known by " + describe(keys));
        }
        List<Obligation> obligations = candidates.stream().map(find).flatMap(Optional::stream).toList();
        List<Obligation> inCurrency = obligations.stream().filter(o -> currency == null || currency.equalsIgnoreCase(o.currency())).toList();
        if (inCurrency.isEmpty()) {
            throw new Mismatch(obligations.isEmpty() ? Reason.UNKNOWN_REFERENCE : Reason.CURRENCY_MISMATCH,
                    "no obligation in " + currency + " under " + describe(keys));
        }
        List<Obligation> inDirection = inCurrency.stream().filter(o -> direction == null || direction.equals(o.direction().name())).toList();
        if (inDirection.isEmpty()) {
            throw new Mismatch(Reason.DIRECTION_MISMATCH, describe(keys) + " is " + inCurrency.getFirst().direction() + ", the event is "
                    + direction);
        }
        if (inDirection.size() > 1) {
            throw new Mismatch(Reason.AMBIGUOUS_MATCH, describe(keys) + " names " + inDirection.size() + " obligations: "
                    + inDirection.stream().map(Obligation::id).toList());
        }
        return new Target(inDirection.getFirst(), null);
    }

    private static String describe(FinanceKeys keys) {
        List<String> parts = new ArrayList<>();
        if (present(keys.reference())) {
            parts.add("reference " + keys.reference());
        }
        if (present(keys.invoiceId())) {
            parts.add("invoice " + keys.invoiceId());
        }
        if (present(keys.agreementId())) {
            parts.add("agreement " + keys.agreementId() + (present(keys.milestone()) ? " milestone " + keys.milestone() : "")
                    + (present(keys.clauseRef()) ? " clause " + keys.clauseRef() : ""));
        }
        return String.join(", ", parts);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
