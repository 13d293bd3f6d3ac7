package io.windshift.contract;

import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.AllianceReprioritised;
import io.windshift.contract.alliance.ChangeImpactAssessed;
import io.windshift.contract.alliance.ChangeImpactResolved;
import io.windshift.contract.alliance.ImpactActionChanged;
import io.windshift.contract.alliance.GovernanceBody;
import io.windshift.contract.alliance.GovernanceChanged;
import io.windshift.contract.alliance.KeyRoleChanged;
import io.windshift.contract.alliance.ManagerOverCapacity;
import io.windshift.contract.alliance.NoticeClause;
import io.windshift.contract.alliance.PartnerNotice;
import io.windshift.contract.finance.InvoiceApproved;
import io.windshift.contract.finance.InvoiceCanceled;
import io.windshift.contract.notification.DeliveryStatus;
import io.windshift.contract.obligation.MilestoneDue;
import io.windshift.contract.obligation.ObligationOverdue;
import io.windshift.contract.obligation.ObligationRegistered;
import io.windshift.contract.obligation.OccurrenceClosed;
import io.windshift.contract.obligation.OccurrenceRescheduled;
import io.windshift.contract.obligation.OwnerAssigned;
import io.windshift.contract.obligation.OwnerVacated;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.OrgUnitChanged;
import io.windshift.contract.hr.WorkerHired;
import io.windshift.contract.hr.WorkerLeaveEnded;
import io.windshift.contract.hr.WorkerLeaveStarted;
import io.windshift.contract.hr.WorkerManagerChanged;
import io.windshift.contract.hr.WorkerTerminated;
import io.windshift.contract.hr.WorkerTransferred;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One fixed, realistic sample payload per event type: the inputs of the golden wire-format files. */
final class WireFormatSamples {

    static final Instant TIME = Instant.parse("2026-11-20T09:30:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-12-01");

    static final GovernanceBody JSC = new GovernanceBody("JSC", "Joint steering committee", List.of("p-0100", "p-0200"),
            List.of("k.ito@helios.example"), "QUARTERLY", LocalDate.parse("2027-01-14"));

    static final Map<EventType, Object> PAYLOADS = Map.ofEntries(
            Map.entry(EventType.HR_WORKER_HIRED, new WorkerHired("p-1001", "Ada Moreno", "ada.moreno@example.com", "ou-bd", "p-0007", DAY)),
            Map.entry(EventType.HR_WORKER_TERMINATED, new WorkerTerminated("p-1001", DAY, "RESIGNATION")),
            Map.entry(EventType.HR_WORKER_TRANSFERRED, new WorkerTransferred("p-1001", "ou-bd", "ou-rnd", DAY)),
            Map.entry(EventType.HR_WORKER_MANAGER_CHANGED, new WorkerManagerChanged("p-1001", "p-0007", "p-0009", DAY)),
            Map.entry(EventType.HR_ORG_REORGANIZED, new OrgReorganized("reorg-2026-q4", "Commercial realignment", DAY,
                    List.of(new OrgReorganized.MovedWorker("p-1002", "ou-com", "p-0009")),
                    List.of(new OrgReorganized.DepartedWorker("p-1003")))),
            Map.entry(EventType.HR_EVENT_RESCINDED, new EventRescinded("hr-evt-42")),
            Map.entry(EventType.HR_ORG_UNIT_CHANGED, new OrgUnitChanged("ou-onc", "Oncology", "ou-rnd", "p-0009", DAY)),
            Map.entry(EventType.HR_WORKER_LEAVE_STARTED, new WorkerLeaveStarted("p-1001", DAY, LocalDate.parse("2027-03-01"), "PARENTAL")),
            Map.entry(EventType.HR_WORKER_LEAVE_ENDED, new WorkerLeaveEnded("p-1001", LocalDate.parse("2027-03-01"))),
            Map.entry(EventType.ALLIANCE_REGISTERED, new AllianceRegistered("al-7", "Helios oncology", "Helios Bio", "HLX-201",
                    "CO_DEVELOPMENT", "LATE", "ACTIVE", "STRATEGIC",
                    List.of(new TeamMember("PARTNERSHIP_LEAD", "p-0100"), new TeamMember("ALLIANCE_MANAGER", "p-1001")), 0,
                    List.of(JSC), List.of(new NoticeClause("agr-3", "4.2", "ALLIANCE_MANAGER", 14)))),
            Map.entry(EventType.ALLIANCE_REPRIORITISED, new AllianceReprioritised("al-7", "HLX-201", "STRATEGIC", "COMMERCIAL", "ACTIVE",
                    "STANDARD", "LATE", "ACTIVE", "HLX-201 approved; launch priority", "evt-14", 6)),
            Map.entry(EventType.ALLIANCE_GOVERNANCE_CHANGED, new GovernanceChanged("al-7", List.of(JSC), 5)),
            Map.entry(EventType.ALLIANCE_SPONSOR_CHANGED, new KeyRoleChanged("al-7", "Helios oncology", "STRATEGIC", "LATE",
                    "EXECUTIVE_SPONSOR", "p-0199", "p-0200", "ASSIGNED", DAY,
                    List.of(new PartnerNotice("agr-3", "4.2", 14, DAY.plusDays(14))), "evt-9", 3)),
            Map.entry(EventType.ALLIANCE_MANAGER_CHANGED, new KeyRoleChanged("al-7", "Helios oncology", "STRATEGIC", "LATE",
                    "ALLIANCE_MANAGER", "p-1001", null, "TERMINATED", DAY,
                    List.of(new PartnerNotice("agr-3", "4.2", 14, DAY.plusDays(14))), "hr-evt-41", 4)),
            Map.entry(EventType.ALLIANCE_MANAGER_OVER_CAPACITY, new ManagerOverCapacity("p-1001", 6, 5,
                    List.of("al-1", "al-2", "al-3", "al-4", "al-5", "al-7"), "evt-10")),
            Map.entry(EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, new ChangeImpactAssessed("imp-hr-evt-41-al-7", "hr-evt-41",
                    "hr.org.reorganized", "al-7", "Helios oncology", "STRATEGIC", "LATE", "CRITICAL", "OPEN",
                    List.of(new ChangeImpactAssessed.Finding("ALLIANCE_MANAGER_VACANT", "ALLIANCE_MANAGER", "p-1001", "Ada Moreno departed"),
                            new ChangeImpactAssessed.Finding("PARTNER_NOTICE_REQUIRED", "ALLIANCE_MANAGER", "p-1001", "agr-3 section 4.2 within 14 days")),
                    List.of("Name an interim alliance manager for Helios oncology; notify Helios Bio by 2026-12-15 under section 4.2"),
                    TIME, 1)),
            Map.entry(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, new ImpactActionChanged("imp-hr-evt-41-al-7", "act-5f2c", "hr-evt-41",
                    "hr.org.reorganized", "al-7", "Helios oncology", "STRATEGIC", "PARTNER_NOTICE_REQUIRED", "ALLIANCE_MANAGER", "p-1001",
                    "Notify Helios Bio by 2026-12-15 under section 4.2 of agr-3", "COMPLETED", "DONE", "p-0100", null,
                    LocalDate.parse("2026-12-15"), "agr-3", "4.2", "ob-notice-5f2c", null, "system", null, "evt-19", "obligation.fulfilled",
                    TIME, "IN_PROGRESS", new ImpactActionChanged.Progress(2, 1, 1, 0), 3)),
            Map.entry(EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED, new ChangeImpactResolved("imp-hr-evt-41-al-7", "hr-evt-41",
                    "hr.org.reorganized", "al-7", "Helios oncology", "STRATEGIC", 1, 1, TIME, 4)),
            Map.entry(EventType.OBLIGATION_REGISTERED, new ObligationRegistered("ob-12", "al-7", "Phase 3 first patient dosed milestone",
                    "MILESTONE_PAYMENT", "FINANCIAL", "OWED_BY_US", "p-1001", "p-0300", new BigDecimal("2500000.00"), "USD", DAY,
                    "agr-3", "7.1(b)", "evt-11")),
            Map.entry(EventType.OBLIGATION_MILESTONE_DUE, new MilestoneDue("ob-12", "ob-12-1", "al-7", "Phase 3 first patient dosed milestone",
                    "MILESTONE_PAYMENT", "p-1001", "p-0300", DAY, 7, new BigDecimal("2500000.00"), "USD", "7.1(b)")),
            Map.entry(EventType.OBLIGATION_OVERDUE, new ObligationOverdue("ob-12", "ob-12-1", "al-7", "Phase 3 first patient dosed milestone",
                    "p-1001", "p-0007", DAY, new BigDecimal("2500000.00"), "USD")),
            Map.entry(EventType.OBLIGATION_OWNER_VACATED, new OwnerVacated("ob-12", "al-7", "Phase 3 first patient dosed milestone",
                    "p-1001", "TERMINATED", "hr-evt-41")),
            Map.entry(EventType.OBLIGATION_OWNER_ASSIGNED, new OwnerAssigned("ob-12", "al-7", "Phase 3 first patient dosed milestone",
                    "p-0300", "p-1001", "evt-12", "hr-evt-41")),
            Map.entry(EventType.OBLIGATION_FULFILLED, new OccurrenceClosed("ob-12", "ob-12-1", "al-7", "Phase 3 first patient dosed milestone",
                    DAY, TIME, "EARLY", new BigDecimal("2500000.00"), "USD", "invoice inv-88 paid", "fin-evt-3")),
            Map.entry(EventType.OBLIGATION_WAIVED, new OccurrenceClosed("ob-13", "ob-13-4", "al-7", "Quarterly royalty report",
                    DAY, TIME, null, null, null, "waived by JSC minutes 2026-11-12", "evt-13")),
            Map.entry(EventType.OBLIGATION_RESCHEDULED, new OccurrenceRescheduled("ob-12", "ob-12-1", "al-7",
                    "Phase 3 first patient dosed milestone", DAY, DAY.plusDays(30))),
            Map.entry(EventType.FINANCE_INVOICE_APPROVED, new InvoiceApproved("inv-88", "ob-12", new BigDecimal("2500000.00"), "USD", TIME,
                    null, null, null, null, "OWED_BY_US")),
            Map.entry(EventType.FINANCE_INVOICE_CANCELED, new InvoiceCanceled("inv-88", "ob-12", "duplicate invoice", TIME)),
            Map.entry(EventType.NOTIFICATION_DELIVERY_STATUS, new DeliveryStatus("ntf-1", "p-1001", "EMAIL", 2, "SENT", "250 OK", TIME)),
            Map.entry(EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned("al-7", "EXECUTIVE_SPONSOR", "p-0200", "p-0199", "evt-9", 3)),
            Map.entry(EventType.ALLIANCE_ROLE_VACATED, new RoleVacated("al-7", "Helios oncology", "STRATEGIC", "LATE",
                    "ALLIANCE_MANAGER", "p-1001", "TERMINATED", DAY, "hr-evt-41", 4)),
            Map.entry(EventType.FINANCE_INVOICE_PAID, new InvoicePaid("inv-88", "ob-12", new BigDecimal("2500000.00"), "USD", TIME,
                    "pay-2026-4410", null, null, null, null, "OWED_BY_US")),
            Map.entry(EventType.FINANCE_PAYMENT_RECEIVED, new io.windshift.contract.finance.PaymentReported("pay-2026-4411", "PO-4711", "inv-91", null,
                    null, null, null, new BigDecimal("2500000.00"), "USD", TIME)),
            Map.entry(EventType.FINANCE_PAYMENT_SENT, new io.windshift.contract.finance.PaymentReported("pay-2026-4412", null, "HB-2026-0187", null,
                    "agr-helios-2024", "First patient dosed in phase 3", null, new BigDecimal("750000.00"), "EUR", TIME)));

    static CloudEvent sample(EventType type) {
        return CloudEvent.of("evt-" + type.wireName(), type, "/windshift/test", "subject-1", TIME, PAYLOADS.get(type),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private WireFormatSamples() {
    }
}
