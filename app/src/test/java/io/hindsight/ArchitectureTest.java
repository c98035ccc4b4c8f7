package io.hindsight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.hindsight.common.CreatesIfMissing;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.common.ToExistingAggregate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Keeps the module boundaries of ARCHITECTURE.md and the rule that every endpoint says who may call it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages("io.hindsight");

    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe(
                "classes of module " + module,
                javaClass -> javaClass
                        .getSource()
                        .map(source -> source.getUri().toString().contains("/" + module + "/"))
                        .orElse(false));
    }

    @Test
    void theSharedKernelIsFreeOfSpringAndJpa() {
        noClasses()
                .that(inModule("shared-kernel"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..")
                .check(CLASSES);
    }

    @Test
    void theCommandSideNeverUsesTheQuerySide() {
        noClasses()
                .that(inModule("command-side"))
                .should()
                .dependOnClassesThat(inModule("query-side"))
                .check(CLASSES);
    }

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses()
                .that(inModule("query-side"))
                .should()
                .dependOnClassesThat(inModule("command-side"))
                .check(CLASSES);
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(RestController.class)
                .and()
                .areMetaAnnotatedWith(RequestMapping.class)
                .should(declareAccess())
                .check(CLASSES);
    }

    /** The proxy sends reads to query nodes and writes to command nodes; controllers must match. */
    @Test
    void commandNodesServeNoReadsAndQueryNodesNoWrites() {
        noMethods()
                .that()
                .areDeclaredInClassesThat(inModule("command-side"))
                .should()
                .beAnnotatedWith(GetMapping.class)
                .check(CLASSES);
        noMethods()
                .that()
                .areDeclaredInClassesThat(inModule("query-side"))
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackages("io.hindsight.projection.admin.web", "io.hindsight.audit.evidence.web")
                .should()
                .beAnnotatedWith(PostMapping.class)
                .orShould()
                .beAnnotatedWith(PutMapping.class)
                .orShould()
                .beAnnotatedWith(PatchMapping.class)
                .orShould()
                .beAnnotatedWith(DeleteMapping.class)
                .check(CLASSES);
    }

    /**
     * A command handled by an aggregate that already exists says how "no such aggregate" is answered in its
     * context; only commands that create their aggregate need not.
     */
    @Test
    void everyCommandToAnExistingAggregateDeclaresItsNotFoundCode() {
        methods()
                .that()
                .areAnnotatedWith(CommandHandler.class)
                .should(new ArchCondition<>("take a command that is ToExistingAggregate or CreatesIfMissing") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        JavaClass command = method.getRawParameterTypes().get(0);
                        if (!command.isAssignableTo(ToExistingAggregate.class)
                                && !command.isAssignableTo(CreatesIfMissing.class)) {
                            events.add(SimpleConditionEvent.violated(
                                    method, command.getName() + " does not declare its not-found code"));
                        }
                    }
                })
                .check(CLASSES);
    }

    /** Snapshots of an aggregate are its fields; a snapshot of another revision is ignored, never misread. */
    @Test
    void everyAggregateCarriesTheRevisionOfItsSnapshots() {
        classes()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .beAnnotatedWith(Revision.class)
                .check(CLASSES);
    }

    private static ArchCondition<JavaMethod> declareAccess() {
        return new ArchCondition<>("be annotated with @PreAuthorize or @PublicEndpoint (or sit in a class that is)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = method.isAnnotatedWith(PreAuthorize.class)
                        || method.isAnnotatedWith(PublicEndpoint.class)
                        || method.getOwner().isAnnotatedWith(PreAuthorize.class)
                        || method.getOwner().isAnnotatedWith(PublicEndpoint.class);
                if (!declared) {
                    events.add(SimpleConditionEvent.violated(
                            method, method.getFullName() + " does not declare who may call it"));
                }
            }
        };
    }
}
