package io.windshift.alliance.portfolio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The alliance model knows nothing of HTTP, security or Kafka: those adapt to it, not the other way round. */
class DomainPurityTest {

    @Test
    void theModelDoesNotDependOnWebSecurityOrKafka() {
        noClasses().that().haveSimpleNameNotEndingWith("Portfolio").and().resideInAPackage("io.windshift.alliance.portfolio")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.security..",
                        "org.springframework.kafka..", "io.windshift.service..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.windshift.alliance.portfolio"));
    }
}
