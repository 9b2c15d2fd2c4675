package dev.fahr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout is the architecture: magics and CLI -> commands -> workflow -> (notebook, image,
 * drivers, records) -> external clients. These rules fail the build when an arrow points back.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Test classes live in test-classes under any build folder (-Dfahr.target=...).
                .withImportOption(location -> !location.contains("/test-classes/"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.fahr");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.fahr.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noDriverImportsAnother() {
        noClasses().that().resideInAPackage("dev.fahr.driver.local..")
                .should().dependOnClassesThat().resideInAPackage("dev.fahr.driver.sagemaker..").check(classes);
        noClasses().that().resideInAPackage("dev.fahr.driver.sagemaker..")
                .should().dependOnClassesThat().resideInAPackage("dev.fahr.driver.local..").check(classes);
    }

    @Test
    void theWorkflowKnowsNoDriverByName() {
        noClasses().that().resideInAnyPackage("dev.fahr.workflow..", "dev.fahr.command..", "dev.fahr.cli..",
                        "dev.fahr.magics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fahr.driver.local..", "dev.fahr.driver.sagemaker..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("dev.fahr.notebook..", "dev.fahr.image..", "dev.fahr.driver..",
                        "dev.fahr.records..", "dev.fahr.job..", "dev.fahr.settings..", "dev.fahr.runtime..",
                        "dev.fahr.runner..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fahr.workflow..", "dev.fahr.command..",
                        "dev.fahr.cli..", "dev.fahr.magics..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.fahr.workflow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fahr.command..", "dev.fahr.cli..",
                        "dev.fahr.magics..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.fahr.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fahr.cli..", "dev.fahr.magics..")
                .check(classes);
    }

    @Test
    void publicSignaturesExposeNoClientLibrary() {
        DescribedPredicate<JavaClass> clientLibrary = DescribedPredicate.describe("a client library type",
                c -> c.getPackageName().startsWith("com.github.dockerjava")
                        || c.getPackageName().startsWith("software.amazon.awssdk")
                        || c.getPackageName().startsWith("com.fasterxml.jackson")
                        || c.getPackageName().startsWith("org.eclipse.aether"));
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackages("dev.fahr.testing..", "dev.fahr.internal..")
                .should(new com.tngtech.archunit.lang.ArchCondition<>("expose no client library type") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaMethod method,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        boolean leaks = clientLibrary.test(method.getRawReturnType())
                                || method.getRawParameterTypes().stream().anyMatch(clientLibrary);
                        if (leaks && !method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(method,
                                    method.getFullName() + " exposes a client library type"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }
}
