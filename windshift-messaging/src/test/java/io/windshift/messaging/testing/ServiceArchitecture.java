package io.windshift.messaging.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Arrays;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The layering every service keeps, written once: package by feature, features meet through their
 * public types (never another feature's {@code internal} or {@code api}), only the web layer calls
 * nothing in {@code api}, Kafka listeners are adapters in {@code internal}, and no service depends on
 * another service or the gateway.
 */
public final class ServiceArchitecture {

    private static final String[] SERVICE_ROOTS = {"io.windshift.alliance", "io.windshift.obligation", "io.windshift.notification", "io.windshift.gateway"};

    private ServiceArchitecture() {
    }

    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(servicePackage);
        SlicesRuleDefinition.slices().matching(servicePackage + ".(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideOutsideOfPackages("..internal..", "..api.."))
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideOutsideOfPackage("..api..").should().dependOnClassesThat().resideInAPackage("..api..")
                .allowEmptyShould(true)
                .check(classes);
        classes().that().containAnyMethodsThat(CanBeAnnotated.Predicates.annotatedWith(KafkaListener.class))
                .should().resideInAPackage("..internal..")
                .allowEmptyShould(true)
                .check(classes);
        String[] others = Arrays.stream(SERVICE_ROOTS).filter(root -> !root.equals(servicePackage)).map(root -> root + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }
}
