package io.windshift.obligation.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventType;
import io.windshift.contract.testing.ConsumerContract;
import io.windshift.contract.testing.PayloadReads;
import io.windshift.messaging.consume.CloudEventDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * What obligation-service reads of each event type it consumes (HR, alliance, finance), checked against the producer's
 * golden files through the listeners' deserialiser and payload records. The declaration must cover every payload field
 * the service's code reads (derived from its bytecode) and only types on topics it listens to.
 */
class ConsumerContractTest {

    private static final String SERVICE = "io.windshift.obligation";
    private static final CloudEventDeserializer KAFKA = new CloudEventDeserializer();

    static final ConsumerContract READS = ConsumerContract.of("obligation-service", bytes -> KAFKA.deserialize(null, bytes))
            // people.internal.WorkforceListener
            .reads(EventType.HR_WORKER_HIRED, "personId", "name", "managerId")
            .reads(EventType.HR_WORKER_TERMINATED, "personId")
            .reads(EventType.HR_WORKER_MANAGER_CHANGED, "personId", "newManagerId")
            .reads(EventType.HR_ORG_REORGANIZED, "movedWorkers[0].personId", "movedWorkers[0].newManagerId", "departedWorkers[0].personId")
            .reads(EventType.HR_EVENT_RESCINDED, "rescindedEventId")
            // teams.internal.AllianceEventListener; the team's seats kept by teams.AllianceTeams / AllianceTeam
            .reads(EventType.ALLIANCE_REGISTERED, "allianceId", "team", "team[0].role", "team[0].personId", "allianceVersion")
            .reads(EventType.ALLIANCE_ROLE_ASSIGNED, "allianceId", "role", "personId", "allianceVersion")
            .reads(EventType.ALLIANCE_ROLE_VACATED, "allianceId", "role", "personId", "allianceVersion", "triggerEventId")
            .reads(EventType.ALLIANCE_SPONSOR_CHANGED, "allianceId", "role", "newPersonId", "allianceVersion")
            .reads(EventType.ALLIANCE_MANAGER_CHANGED, "allianceId", "role", "allianceVersion")
            // newPersonId stays optional: a manager who left (the golden file's TERMINATED) has no successor yet; sponsor-changed requires it
            .readsIfPresent(EventType.ALLIANCE_MANAGER_CHANGED, "newPersonId")
            // notices.PartnerNotices: partner-notice actions (note only comes with a person's dismissal)
            .reads(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "impactId", "actionId", "triggerEventId", "allianceId", "allianceName", "kind",
                    "seat", "title", "change", "assigneeId", "dueDate", "agreementId", "clauseRef", "noticeObligationId", "by")
            .readsIfPresent(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "note")
            // finance.internal.FinanceEventListener -> FinanceLedger / FinanceFacts
            .reads(EventType.FINANCE_INVOICE_PAID, "invoiceId", "amount", "currency", "paidAt", "direction", "paymentId")
            .reads(EventType.FINANCE_PAYMENT_RECEIVED, "paymentId", "invoiceId", "amount", "currency", "paidAt")
            .reads(EventType.FINANCE_PAYMENT_SENT, "paymentId", "invoiceId", "amount", "currency", "paidAt")
            .reads(EventType.FINANCE_INVOICE_APPROVED, "invoiceId", "amount", "currency", "approvedAt", "direction")
            .reads(EventType.FINANCE_INVOICE_CANCELED, "invoiceId", "canceledAt", "reason");

    @Test
    void theProducersGoldenFilesCarryWhatObligationServiceReads() {
        READS.assertGoldenFilesSatisfyIt();
    }

    @Test
    void aFieldDroppedFromAGoldenFileIsReported() {
        READS.assertEveryFieldIsChecked();
    }

    @Test
    void everyPayloadFieldTheCodeReadsIsChecked() {
        READS.assertCovers(PayloadReads.inPackage(SERVICE));
    }

    @Test
    void onlyTypesOfTopicsItListensTo() {
        assertThat(PayloadReads.listenedTopics(SERVICE, KafkaListener.class))
                .containsAll(READS.types().stream().map(EventType::topic).toList());
    }
}
