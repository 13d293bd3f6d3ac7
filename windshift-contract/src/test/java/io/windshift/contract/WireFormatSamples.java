package io.windshift.contract;

import io.windshift.contract.alliance.AllianceRegistered;
import io.windshift.contract.alliance.RoleAssigned;
import io.windshift.contract.alliance.RoleVacated;
import io.windshift.contract.alliance.TeamMember;
import io.windshift.contract.finance.InvoicePaid;
import io.windshift.contract.hr.EventRescinded;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
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

    static final Map<EventType, Object> PAYLOADS = Map.ofEntries(
            Map.entry(EventType.HR_WORKER_HIRED, new WorkerHired("p-1001", "Ada Moreno", "ada.moreno@example.com", "ou-bd", "p-0007", DAY)),
            Map.entry(EventType.HR_WORKER_TERMINATED, new WorkerTerminated("p-1001", DAY, "RESIGNATION")),
            Map.entry(EventType.HR_WORKER_TRANSFERRED, new WorkerTransferred("p-1001", "ou-bd", "ou-rnd", DAY)),
            Map.entry(EventType.HR_WORKER_MANAGER_CHANGED, new WorkerManagerChanged("p-1001", "p-0007", "p-0009", DAY)),
            Map.entry(EventType.HR_ORG_REORGANIZED, new OrgReorganized("reorg-2026-q4", "Commercial realignment", DAY,
                    List.of(new OrgReorganized.MovedWorker("p-1002", "ou-com", "p-0009")),
                    List.of(new OrgReorganized.DepartedWorker("p-1003")))),
            Map.entry(EventType.HR_EVENT_RESCINDED, new EventRescinded("hr-evt-42")),
            Map.entry(EventType.ALLIANCE_REGISTERED, new AllianceRegistered("al-7", "Helios oncology", "Helios Bio", "HLX-201",
                    "CO_DEVELOPMENT", "LATE", "ACTIVE", "STRATEGIC",
                    List.of(new TeamMember("PARTNERSHIP_LEAD", "p-0100"), new TeamMember("ALLIANCE_MANAGER", "p-1001")), 0)),
            Map.entry(EventType.ALLIANCE_ROLE_ASSIGNED, new RoleAssigned("al-7", "EXECUTIVE_SPONSOR", "p-0200", "p-0199", "evt-9", 3)),
            Map.entry(EventType.ALLIANCE_ROLE_VACATED, new RoleVacated("al-7", "Helios oncology", "STRATEGIC", "LATE",
                    "ALLIANCE_MANAGER", "p-1001", "TERMINATED", DAY, "hr-evt-41", 4)),
            Map.entry(EventType.FINANCE_INVOICE_PAID, new InvoicePaid("inv-88", "ob-12", new BigDecimal("2500000.00"), "USD", TIME)));

    static CloudEvent sample(EventType type) {
        return CloudEvent.of("evt-" + type.wireName(), type, "/windshift/test", "subject-1", TIME, PAYLOADS.get(type),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    private WireFormatSamples() {
    }
}
