package io.windshift.contract;

import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.AllianceReprioritised;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.finance.InvoiceApproved;
import io.windshift.contract.finance.InvoiceCanceled;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.contract.finance.PaymentReported;
import io.windshift.contract.notification.DeliveryStatus;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.ObligationRegistered;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.OrgUnitChanged;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerLeaveEnded;
import io.windshift.contract.hr.WorkerLeaveStarted;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.hr.WorkerTransferred;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of event types: wire name, version, topic and payload record. Version 1 types travel
 * under their plain name ({@code hr.worker.terminated}); a breaking change gets a new constant whose
 * wire name carries the version ({@code hr.worker.terminated.v2}). {@code .v1} is accepted as an alias.
 */
public enum EventType {
    HR_WORKER_HIRED("hr.worker.hired", 1, Topics.HR, WorkerHired.class),
    HR_WORKER_TERMINATED("hr.worker.terminated", 1, Topics.HR, WorkerTerminated.class),
    HR_WORKER_TRANSFERRED("hr.worker.transferred", 1, Topics.HR, WorkerTransferred.class),
    HR_WORKER_MANAGER_CHANGED("hr.worker.manager-changed", 1, Topics.HR, WorkerManagerChanged.class),
    HR_ORG_REORGANIZED("hr.org.reorganized", 1, Topics.HR, OrgReorganized.class),
    HR_EVENT_RESCINDED("hr.event.rescinded", 1, Topics.HR, EventRescinded.class),
    HR_ORG_UNIT_CHANGED("hr.org.unit-changed", 1, Topics.HR, OrgUnitChanged.class),
    HR_WORKER_LEAVE_STARTED("hr.worker.leave-started", 1, Topics.HR, WorkerLeaveStarted.class),
    HR_WORKER_LEAVE_ENDED("hr.worker.leave-ended", 1, Topics.HR, WorkerLeaveEnded.class),

    ALLIANCE_REGISTERED("alliance.registered", 1, Topics.ALLIANCE, AllianceRegistered.class),
    ALLIANCE_ROLE_ASSIGNED("alliance.role-assigned", 1, Topics.ALLIANCE, RoleAssigned.class),
    ALLIANCE_ROLE_VACATED("alliance.role-vacated", 1, Topics.ALLIANCE, RoleVacated.class),
    ALLIANCE_SPONSOR_CHANGED("alliance.sponsor-changed", 1, Topics.ALLIANCE, KeyRoleChanged.class),
    ALLIANCE_MANAGER_CHANGED("alliance.manager-changed", 1, Topics.ALLIANCE, KeyRoleChanged.class),
    ALLIANCE_MANAGER_OVER_CAPACITY("alliance.manager-over-capacity", 1, Topics.ALLIANCE, ManagerOverCapacity.class),
    ALLIANCE_GOVERNANCE_CHANGED("alliance.governance-changed", 1, Topics.ALLIANCE, GovernanceChanged.class),
    ALLIANCE_REPRIORITISED("alliance.reprioritised", 1, Topics.ALLIANCE, AllianceReprioritised.class),
    ALLIANCE_CHANGE_IMPACT_ASSESSED("alliance.change-impact-assessed", 1, Topics.ALLIANCE, ChangeImpactAssessed.class),
    ALLIANCE_IMPACT_ACTION_CHANGED("alliance.impact-action-changed", 1, Topics.ALLIANCE, ImpactActionChanged.class),
    ALLIANCE_CHANGE_IMPACT_RESOLVED("alliance.change-impact-resolved", 1, Topics.ALLIANCE, ChangeImpactResolved.class),

    OBLIGATION_REGISTERED("obligation.registered", 1, Topics.OBLIGATION, ObligationRegistered.class),
    OBLIGATION_MILESTONE_DUE("obligation.milestone-due", 1, Topics.OBLIGATION, MilestoneDue.class),
    OBLIGATION_OVERDUE("obligation.overdue", 1, Topics.OBLIGATION, ObligationOverdue.class),
    OBLIGATION_OWNER_VACATED("obligation.owner-vacated", 1, Topics.OBLIGATION, OwnerVacated.class),
    OBLIGATION_OWNER_ASSIGNED("obligation.owner-assigned", 1, Topics.OBLIGATION, OwnerAssigned.class),
    OBLIGATION_FULFILLED("obligation.fulfilled", 1, Topics.OBLIGATION, OccurrenceClosed.class),
    OBLIGATION_WAIVED("obligation.waived", 1, Topics.OBLIGATION, OccurrenceClosed.class),
    OBLIGATION_RESCHEDULED("obligation.rescheduled", 1, Topics.OBLIGATION, OccurrenceRescheduled.class),

    FINANCE_INVOICE_PAID("finance.invoice.paid", 1, Topics.FINANCE, InvoicePaid.class),
    FINANCE_INVOICE_APPROVED("finance.invoice.approved", 1, Topics.FINANCE, InvoiceApproved.class),
    FINANCE_INVOICE_CANCELED("finance.invoice.canceled", 1, Topics.FINANCE, InvoiceCanceled.class),
    FINANCE_PAYMENT_RECEIVED("finance.payment.received", 1, Topics.FINANCE, PaymentReported.class),
    FINANCE_PAYMENT_SENT("finance.payment.sent", 1, Topics.FINANCE, PaymentReported.class),

    NOTIFICATION_DELIVERY_STATUS("notification.delivery-status", 1, Topics.NOTIFICATION, DeliveryStatus.class);

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String name;
    private final int version;
    private final String topic;
    private final Class<?> payloadType;

    EventType(String name, int version, String topic, Class<?> payloadType) {
        this.name = name;
        this.version = version;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvent {@code type} attribute. */
    public String wireName() {
        return version == 1 ? name : name + ".v" + version;
    }

    public int version() {
        return version;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    public boolean isHr() {
        return Topics.HR.equals(topic);
    }

    public boolean isFinance() {
        return Topics.FINANCE.equals(topic);
    }

    public static Optional<EventType> fromWireName(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        EventType exact = BY_WIRE_NAME.get(wireName);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (wireName.endsWith(".v1")) {
            return Optional.ofNullable(BY_WIRE_NAME.get(wireName.substring(0, wireName.length() - 3)));
        }
        return Optional.empty();
    }
}
