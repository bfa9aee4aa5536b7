package io.github.qstashspring.broker;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.github.qstashspring.broker.api.ApiResource;
import io.github.qstashspring.broker.store.BrokerStoreConfiguration;
import io.github.qstashspring.broker.store.MessageStore;
import io.github.qstashspring.broker.store.ResourceStore;
import io.github.qstashspring.broker.store.StoredMessage;
import io.github.qstashspring.broker.store.WorkflowStore;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's architecture as rules the build checks: no cycles between its packages,
 * the store behind its doors, the API away from JPA, the auto-configuration a user of the
 * broker's public surface, and that surface exactly what docs/architecture.md lists.
 */
class ArchitectureTests {

    private static final String BROKER = "io.github.qstashspring.broker";

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(BROKER);

    /** The store's doors: what other packages may use of it. */
    private static final DescribedPredicate<JavaClass> STORE_DOORS = belongToAnyOf(MessageStore.class,
            ResourceStore.class, StoredMessage.class, WorkflowStore.class, BrokerStoreConfiguration.class);

    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(new BrokerPackages()).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void storeInternalsAreNotUsedOutsideTheStore() {
        noClasses().that()
            .resideOutsideOfPackage(BROKER + ".store..")
            .should()
            .dependOnClassesThat(resideInAPackage(BROKER + ".store..").and(not(STORE_DOORS)))
            .check(MAIN);
    }

    @Test
    void onlyTheStoreUsesJpa() {
        noClasses().that()
            .resideOutsideOfPackage(BROKER + ".store..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "org.springframework.data..")
            .check(MAIN);
    }

    @Test
    void theApiDoesNotTouchEntities() {
        noClasses().that()
            .resideInAPackage(BROKER + ".api..")
            .or()
            .implement(ApiResource.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(Entity.class)
            .check(MAIN);
    }

    @Test
    void theAutoConfigurationOnlyWiresThePublicBroker() {
        classes().that()
            .resideInAPackage(BROKER + ".autoconfigure..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(BROKER, BROKER + ".autoconfigure..", "io.github.qstashspring.autoconfigure..",
                    "io.github.qstashspring.actuate..", "io.github.qstashspring.listener..", "io.micrometer..",
                    "java..", "org.springframework..", "org.apache.commons.logging..", "org.jspecify..")
            .check(MAIN);
        noClasses().that()
            .resideOutsideOfPackage(BROKER + ".autoconfigure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BROKER + ".autoconfigure..")
            .check(MAIN);
    }

    @Test
    void thePublicSurfaceIsWhatTheArchitecturePageLists() {
        List<String> publicTypes = MAIN.stream()
            .filter((type) -> type.getModifiers().contains(JavaModifier.PUBLIC) && type.isTopLevelClass())
            .map((type) -> type.getName().substring(BROKER.length() + 1))
            .sorted()
            .toList();
        assertThat(publicTypes).containsExactly("EmbeddedQStashBroker", "FastForwardClock", "MutableClock",
                "QStashBrokerApplication", "QStashBrokerProperties", "api.ApiConfiguration", "api.ApiExchange",
                "api.ApiJson", "api.ApiResource", "api.BrokerException", "api.RequestHeaders",
                "autoconfigure.QStashBrokerClock", "autoconfigure.QStashEmbeddedBrokerAutoConfiguration",
                "dashboard.DashboardServlet", "delivery.DeliveryConfiguration", "delivery.Dispatcher",
                "flow.FlowConfiguration", "message.DeadLetters", "message.MessageConfiguration",
                "message.PublishService", "schedule.ScheduleConfiguration", "store.BrokerStoreConfiguration",
                "store.MessageStore", "store.ResourceStore", "store.StoredMessage", "store.WorkflowStore",
                "workflow.WorkflowConfiguration");
    }

    @Test
    void publicClassesAreFinal() {
        classes().that()
            .arePublic()
            .and()
            .areNotInterfaces()
            .and()
            .areNotEnums()
            .and()
            .areNotRecords()
            .should()
            .haveModifier(JavaModifier.FINAL)
            .check(MAIN);
    }

    /**
     * Each class belongs to its package below the broker's, the broker's own as "root".
     */
    private static final class BrokerPackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getPackageName();
            if (name.equals(BROKER)) {
                return SliceIdentifier.of("root");
            }
            if (name.startsWith(BROKER + ".")) {
                return SliceIdentifier.of(name.substring(BROKER.length() + 1).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the broker's packages";
        }

    }

}
