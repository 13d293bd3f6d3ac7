package io.windshift.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void versionOneTypesUseThePlainNameAndAcceptTheV1Alias() {
        assertThat(EventType.HR_WORKER_TERMINATED.wireName()).isEqualTo("hr.worker.terminated");
        assertThat(EventType.fromWireName("hr.worker.terminated.v1")).contains(EventType.HR_WORKER_TERMINATED);
        assertThat(EventType.fromWireName("hr.worker.terminated.v2")).isEmpty();
        assertThat(EventType.fromWireName("hr.worker.exploded")).isEmpty();
    }

    @Test
    void eachTypeBelongsToTheTopicOfItsAggregate() {
        for (EventType type : EventType.values()) {
            String prefix = type.wireName().substring(0, type.wireName().indexOf('.'));
            assertThat(type.topic()).as(type.wireName()).isEqualTo("windshift." + prefix + ".events");
        }
    }

    @Test
    void derivedIdsAreDeterministic() {
        assertThat(EventIds.derived("a", "b")).isEqualTo(EventIds.derived("a", "b")).isNotEqualTo(EventIds.derived("ab"));
    }

    @Test
    void theContractDoesNotDependOnSpring() {
        ArchRuleDefinition.noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(new ClassFileImporter().importPackages("io.windshift.contract"));
    }
}
