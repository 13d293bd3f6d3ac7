package io.windshift.contract.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.windshift.contract.EventJson;
import io.windshift.contract.EventType;
import io.windshift.contract.hr.OrgReorganized;
import io.windshift.contract.hr.WorkerHired;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The consumer contract check itself: it passes on the golden files and reports a field they drop, rename or change. */
class ConsumerContractTest {

    private final ConsumerContract contract = ConsumerContract.of("a consumer", EventJson::read)
            .reads(EventType.HR_WORKER_HIRED, "personId", "name", "effectiveDate", "@subject")
            .reads(EventType.HR_ORG_REORGANIZED, "effectiveDate", "movedWorkers[0].personId", "movedWorkers[0].newManagerId",
                    "departedWorkers[0].personId");

    @Test
    void theGoldenFilesSatisfyIt() {
        contract.assertGoldenFilesSatisfyIt();
        contract.assertEveryFieldIsChecked();
    }

    @Test
    void aDroppedFieldIsReportedByName() {
        assertThat(contract.problems(EventType.HR_WORKER_HIRED, GoldenFiles.withoutField(EventType.HR_WORKER_HIRED, "name")))
                .singleElement().asString().contains("data.name is missing");
        assertThat(contract.problems(EventType.HR_ORG_REORGANIZED,
                GoldenFiles.withoutField(EventType.HR_ORG_REORGANIZED, "movedWorkers[0].newManagerId")))
                .singleElement().asString().contains("data.movedWorkers[0].newManagerId is missing");
        assertThat(contract.problems(EventType.HR_WORKER_HIRED, GoldenFiles.withoutField(EventType.HR_WORKER_HIRED, "@subject")))
                .singleElement().asString().contains("attribute subject is missing");
    }

    @Test
    void aRenamedFieldIsReported() {
        ObjectNode event = GoldenFiles.tree(EventType.HR_WORKER_HIRED);
        ObjectNode data = (ObjectNode) event.get("data");
        data.set("workerId", data.remove("personId"));
        assertThat(contract.problems(EventType.HR_WORKER_HIRED, EventJson.mapper().writeValueAsBytes(event)))
                .anyMatch(p -> p.contains("data.personId is missing"));
    }

    @Test
    void aValueTheConsumerCannotReadIsReported() {
        ObjectNode event = GoldenFiles.tree(EventType.HR_WORKER_HIRED);
        ((ObjectNode) event.get("data")).put("effectiveDate", "1st of December");
        assertThat(contract.problems(EventType.HR_WORKER_HIRED, EventJson.mapper().writeValueAsBytes(event)))
                .anyMatch(p -> p.contains("cannot decode"));
    }

    @Test
    void aFieldNoPayloadHasIsRejected() {
        ConsumerContract typo = ConsumerContract.of("typo", EventJson::read).reads(EventType.HR_WORKER_HIRED, "personID");
        assertThat(typo.problems(EventType.HR_WORKER_HIRED, GoldenFiles.bytes(EventType.HR_WORKER_HIRED))).isNotEmpty();
        assertThatThrownBy(typo::covered).hasMessageContaining("WorkerHired has no field personID");
    }

    @Test
    void coverageNamesTheRecordsAlongEachPath() {
        assertThat(contract.covered()).contains(new ConsumerContract.PayloadField(WorkerHired.class, "personId"),
                new ConsumerContract.PayloadField(OrgReorganized.class, "movedWorkers"),
                new ConsumerContract.PayloadField(OrgReorganized.MovedWorker.class, "newManagerId"));
    }
}
