package io.github.qstashspring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library module's architecture as rules the build checks: a plain Spring library
 * (nothing of Spring Boot), no cycles between its packages, and the client usable alone.
 */
class LibraryArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.qstashspring");

    @Test
    void theLibraryDoesNotUseSpringBoot() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.github.qstashspring.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theClientNeedsNeitherListenersNorSchedulesNorWorkflows() {
        noClasses().that()
            .resideInAPackage("io.github.qstashspring.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.github.qstashspring.listener..", "io.github.qstashspring.schedule..",
                    "io.github.qstashspring.workflow..")
            .check(MAIN);
    }

}
