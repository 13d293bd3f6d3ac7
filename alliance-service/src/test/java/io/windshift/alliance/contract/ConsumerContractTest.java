package io.windshift.alliance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventType;
import io.windshift.contract.testing.ConsumerContract;
import io.windshift.contract.testing.PayloadReads;
import io.windshift.messaging.consume.CloudEventDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * What alliance-service reads of each event type it consumes (HR, its own alliance events, obligation events),
 * checked against the producer's golden files through the listeners' deserialiser and payload records. The declaration
 * must cover every payload field the service's code reads (derived from its bytecode, producer code left out) and only
 * types on topics it listens to.
 */
class ConsumerContractTest {

    private static final String SERVICE = "io.windshift.alliance";
    private static final CloudEventDeserializer KAFKA = new CloudEventDeserializer();

    static final ConsumerContract READS = ConsumerContract.of("alliance-service", bytes -> KAFKA.deserialize(null, bytes))
            // people.internal.HrEventListener
            .reads(EventType.HR_WORKER_HIRED, "personId", "name", "email", "orgUnitId", "managerId", "effectiveDate")
            .reads(EventType.HR_WORKER_TERMINATED, "personId", "effectiveDate")
            .reads(EventType.HR_WORKER_TRANSFERRED, "personId", "toOrgUnitId", "effectiveDate")
            .reads(EventType.HR_WORKER_MANAGER_CHANGED, "personId", "newManagerId", "effectiveDate")
            .reads(EventType.HR_ORG_REORGANIZED, "reorgId", "name", "effectiveDate", "movedWorkers[0].personId", "movedWorkers[0].toOrgUnitId",
                    "movedWorkers[0].newManagerId", "departedWorkers[0].personId")
            .reads(EventType.HR_ORG_UNIT_CHANGED, "orgUnitId", "name", "parentOrgUnitId", "headPersonId", "effectiveDate")
            .reads(EventType.HR_WORKER_LEAVE_STARTED, "personId", "effectiveDate", "leaveType", "expectedReturnDate")
            .reads(EventType.HR_WORKER_LEAVE_ENDED, "personId", "effectiveDate")
            .reads(EventType.HR_EVENT_RESCINDED, "rescindedEventId")
            // impact.internal.AllianceEventListener
            .reads(EventType.ALLIANCE_ROLE_ASSIGNED, "allianceId", "allianceVersion", "role", "personId", "previousPersonId")
            .reads(EventType.ALLIANCE_GOVERNANCE_CHANGED, "allianceId", "allianceVersion", "governanceBodies[0].code",
                    "governanceBodies[0].memberIds")
            .reads(EventType.ALLIANCE_ROLE_VACATED, "role", "personId")
            .reads(EventType.ALLIANCE_REPRIORITISED, "@subject")
            // impact.internal.ObligationEventListener
            .reads(EventType.OBLIGATION_OWNER_VACATED, "triggerEventId", "allianceId", "obligationId", "title", "previousOwnerId")
            .reads(EventType.OBLIGATION_OWNER_ASSIGNED, "obligationId", "filledVacancyOf", "ownerId", "title")
            .reads(EventType.OBLIGATION_FULFILLED, "obligationId", "evidence")
            .reads(EventType.OBLIGATION_WAIVED, "obligationId", "evidence");

    @Test
    void theProducersGoldenFilesCarryWhatAllianceServiceReads() {
        READS.assertGoldenFilesSatisfyIt();
    }

    @Test
    void aFieldDroppedFromAGoldenFileIsReported() {
        READS.assertEveryFieldIsChecked();
    }

    @Test
    void everyPayloadFieldTheCodeReadsIsChecked() {
        // Producer code: the portfolio reads the events it has just built (findings), ImpactEvents the progress it publishes.
        READS.assertCovers(PayloadReads.inPackage(SERVICE, "io.windshift.alliance.portfolio.AlliancePortfolio", "io.windshift.alliance.portfolio.Alliance",
                "io.windshift.alliance.impact.ImpactEvents"));
    }

    @Test
    void onlyTypesOfTopicsItListensTo() {
        assertThat(PayloadReads.listenedTopics(SERVICE, KafkaListener.class))
                .containsAll(READS.types().stream().map(EventType::topic).toList());
    }
}
