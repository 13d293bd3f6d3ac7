package io.windshift.obligation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** Package by feature: features talk through their public types, never through each other's internals. */
class ObligationArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.windshift.obligation");

    @Test
    void internalPackagesAreUsedOnlyByTheirOwnFeature() {
        SlicesRuleDefinition.slices().matching("io.windshift.obligation.(*)..").should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages("..internal..", "..api.."))
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void nobodyCallsTheWebLayer() {
        noClasses().that().resideOutsideOfPackage("..api..").should().dependOnClassesThat().resideInAPackage("..api..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void kafkaListenersLiveInInternalPackages() {
        classes().that().containAnyMethodsThat(com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates
                        .annotatedWith(org.springframework.kafka.annotation.KafkaListener.class))
                .should().resideInAPackage("..internal..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void servicesNeverReachIntoAnotherServiceOrTheGateway() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        otherServices("io.windshift.alliance..", "io.windshift.obligation..", "io.windshift.notification..", "io.windshift.gateway.."))
                .check(CLASSES);
    }

    private static String[] otherServices(String... all) {
        return java.util.Arrays.stream(all).filter(p -> !p.startsWith("io.windshift.obligation.")).toArray(String[]::new);
    }
}
