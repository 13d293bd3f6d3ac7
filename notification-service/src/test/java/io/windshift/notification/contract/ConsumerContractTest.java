package io.windshift.notification.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.windshift.contract.EventType;
import io.windshift.contract.testing.ConsumerContract;
import io.windshift.contract.testing.PayloadReads;
import io.windshift.messaging.consume.CloudEventDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * What notification-service reads of each event type it consumes (HR, alliance, obligation), checked against the
 * producer's golden files through the listeners' deserialiser and payload records. The declaration must cover every
 * payload field the service's code reads (derived from its bytecode) and only types on topics it listens to.
 */
class ConsumerContractTest {

    private static final String SERVICE = "io.windshift.notification";
    private static final CloudEventDeserializer KAFKA = new CloudEventDeserializer();

    static final ConsumerContract READS = ConsumerContract.of("notification-service", bytes -> KAFKA.deserialize(null, bytes))
            // audience.internal.HrPeopleListener
            .reads(EventType.HR_WORKER_HIRED, "personId", "name", "email", "managerId")
            .reads(EventType.HR_WORKER_TERMINATED, "personId")
            .reads(EventType.HR_WORKER_MANAGER_CHANGED, "personId", "newManagerId")
            .reads(EventType.HR_ORG_REORGANIZED, "movedWorkers[0].personId", "movedWorkers[0].newManagerId", "departedWorkers[0].personId")
            .reads(EventType.HR_EVENT_RESCINDED, "rescindedEventId")
            // inbox.internal.AllianceEventListener and the notices it builds (RoleVacancyNotices, ImpactNotices, KeyRoleNotices,
            // ProgressNotices), actions.ActionDeadlines / DeadlineRules, and the team projection (audience.AllianceTeamProjection)
            .reads(EventType.ALLIANCE_REGISTERED, "allianceId", "name", "tier", "stage", "team[0].role", "team[0].personId",
                    "governanceBodies[0].memberIds", "allianceVersion")
            .reads(EventType.ALLIANCE_ROLE_ASSIGNED, "allianceId", "role", "personId", "allianceVersion")
            .reads(EventType.ALLIANCE_ROLE_VACATED, "allianceId", "allianceName", "tier", "stage", "role", "personId", "reason", "effectiveDate",
                    "triggerEventId", "allianceVersion")
            .reads(EventType.ALLIANCE_GOVERNANCE_CHANGED, "allianceId", "governanceBodies[0].memberIds", "allianceVersion")
            .reads(EventType.ALLIANCE_REPRIORITISED, "allianceId", "tier", "stage", "allianceVersion")
            .reads(EventType.ALLIANCE_CHANGE_IMPACT_ASSESSED, "impactId", "triggerEventId", "triggerType", "allianceId", "allianceName", "tier",
                    "stage", "severity", "status", "findings[0].kind", "findings[0].role", "findings[0].personId", "findings[0].detail",
                    "suggestedActions", "revision")
            .reads(EventType.ALLIANCE_SPONSOR_CHANGED, "allianceId", "allianceName", "tier", "role", "previousPersonId", "newPersonId", "reason",
                    "effectiveDate", "partnerNotices[0].agreementId", "partnerNotices[0].clauseRef", "partnerNotices[0].noticeDays",
                    "partnerNotices[0].dueDate", "triggerEventId", "allianceVersion")
            .reads(EventType.ALLIANCE_MANAGER_CHANGED, "allianceId", "allianceName", "tier", "role", "previousPersonId", "reason",
                    "effectiveDate", "partnerNotices[0].agreementId", "partnerNotices[0].clauseRef", "partnerNotices[0].noticeDays",
                    "partnerNotices[0].dueDate", "triggerEventId", "allianceVersion")
            // newPersonId stays optional: a manager who left (the golden file's TERMINATED) has no successor yet; sponsor-changed requires it
            .readsIfPresent(EventType.ALLIANCE_MANAGER_CHANGED, "newPersonId")
            .reads(EventType.ALLIANCE_MANAGER_OVER_CAPACITY, "managerId", "strategicAlliances", "capacity", "allianceIds", "triggerEventId")
            // previousAssigneeId and note only come with a hand-over or a person's note
            .reads(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "impactId", "actionId", "triggerEventId", "allianceId", "allianceName", "tier",
                    "kind", "title", "change", "state", "assigneeId", "dueDate", "by", "impactStatus", "progress.total", "progress.open",
                    "progress.done", "progress.dismissed", "revision")
            .readsIfPresent(EventType.ALLIANCE_IMPACT_ACTION_CHANGED, "previousAssigneeId", "note")
            .reads(EventType.ALLIANCE_CHANGE_IMPACT_RESOLVED, "impactId", "triggerEventId", "allianceId", "allianceName", "actionsDone",
                    "actionsDismissed", "revision")
            // inbox.internal.ObligationEventListener and inbox.ObligationNotices
            .reads(EventType.OBLIGATION_MILESTONE_DUE, "obligationId", "occurrenceId", "allianceId", "title", "ownerId", "reviewerId", "dueDate",
                    "leadTimeDays", "amount", "currency", "clauseRef")
            .reads(EventType.OBLIGATION_OVERDUE, "obligationId", "occurrenceId", "allianceId", "title", "ownerId", "ownerManagerId", "dueDate",
                    "amount", "currency")
            .reads(EventType.OBLIGATION_OWNER_VACATED, "obligationId", "allianceId", "title", "previousOwnerId", "reason", "triggerEventId")
            .reads(EventType.OBLIGATION_FULFILLED, "occurrenceId", "closedAt", "allianceId")
            .reads(EventType.OBLIGATION_WAIVED, "occurrenceId", "closedAt", "allianceId")
            .reads(EventType.OBLIGATION_RESCHEDULED, "occurrenceId", "previousDueDate", "dueDate", "allianceId")
            // subscriptions.SubscribableEvents.allianceOf: a subscription's alliance filter reads every subscribable event's allianceId
            .reads(EventType.OBLIGATION_REGISTERED, "allianceId")
            .reads(EventType.OBLIGATION_OWNER_ASSIGNED, "allianceId");

    @Test
    void theProducersGoldenFilesCarryWhatNotificationServiceReads() {
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
