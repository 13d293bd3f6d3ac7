package io.windshift.obligation.register;

import io.windshift.obligation.teams.AllianceTeams;
import io.windshift.service.security.Caller;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Who sees and who changes obligations. Admins and the head of alliance management: everything. FINANCE:
 * payment obligations. A person: obligations they own or review, and those of alliances where they hold a
 * role. Writing (register, reschedule, waive, reassign): admins, the head, and the alliance manager of that
 * alliance (token role ALLIANCE_MANAGER and the seat in the team projection). The owner may also record a
 * fulfilment, a trigger or a dispute of their own obligation.
 */
@Component
public class ObligationAccess {

    public static final String FINANCE = "FINANCE";
    public static final String ALLIANCE_MANAGER = "ALLIANCE_MANAGER";

    private final AllianceTeams teams;

    ObligationAccess(AllianceTeams teams) {
        this.teams = teams;
    }

    public boolean canRead(Caller caller, Obligation obligation) {
        if (!caller.isPerson()) {
            return false;
        }
        return caller.seesEverything()
                || (caller.hasRole(FINANCE) && obligation.isPayment())
                || obligation.isOwnedOrReviewedBy(caller.subject())
                || teams.involves(obligation.allianceId(), caller.subject());
    }

    /**
     * {@link #canRead} as a store filter on obligation documents, so that a list is scoped, counted and paged
     * by the store: null when the caller sees everything; otherwise owned or reviewed by them, of an alliance
     * where they hold a role (the team projection), or, for FINANCE, a payment obligation.
     */
    public Criteria readableBy(Caller caller) {
        if (!caller.isPerson()) {
            return Criteria.where("_id").in(List.of());
        }
        if (caller.seesEverything()) {
            return null;
        }
        List<Criteria> any = new ArrayList<>();
        if (caller.hasRole(FINANCE)) {
            any.add(Criteria.where("category").is(Category.FINANCIAL.name()));
            any.add(Criteria.where("type").in(Arrays.stream(ObligationType.values()).filter(ObligationType::isPayment).map(Enum::name).toList()));
        }
        any.add(Criteria.where("ownerId").is(caller.subject()));
        any.add(Criteria.where("reviewerId").is(caller.subject()));
        List<String> alliances = teams.allianceIdsOf(caller.subject());
        if (!alliances.isEmpty()) {
            any.add(Criteria.where("allianceId").in(alliances));
        }
        return new Criteria().orOperator(any);
    }

    public boolean canManage(Caller caller, String allianceId) {
        return caller.seesEverything()
                || (caller.hasRole(ALLIANCE_MANAGER) && teams.isAllianceManagerOf(allianceId, caller.subject()));
    }

    public boolean canAct(Caller caller, Obligation obligation) {
        return canManage(caller, obligation.allianceId()) || caller.subject().equals(obligation.ownerId());
    }
}
