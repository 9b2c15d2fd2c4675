package dev.fahr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.resolver.testing.PublicApiRule;

/**
 * The layout is the architecture: magics and CLI -> commands -> workflow -> (notebook, image, drivers,
 * records) -> (job, settings) -> external clients. These rules fail the build when an arrow points back.
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
    void theLayersOnlyReachDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Front ends").definedBy("dev.fahr.magics..", "dev.fahr.cli..")
                .layer("Commands").definedBy("dev.fahr.command..")
                .layer("Workflow").definedBy("dev.fahr.workflow..")
                .layer("Parts").definedBy("dev.fahr.notebook..", "dev.fahr.image..", "dev.fahr.driver..", "dev.fahr.chart..",
                        "dev.fahr.records..")
                .layer("Model").definedBy("dev.fahr.job..", "dev.fahr.settings..")
                .layer("Connections").definedBy("dev.fahr.internal..")
                .whereLayer("Front ends").mayNotBeAccessedByAnyLayer()
                .whereLayer("Commands").mayOnlyBeAccessedByLayers("Front ends")
                .whereLayer("Workflow").mayOnlyBeAccessedByLayers("Front ends", "Commands")
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("Front ends", "Commands", "Workflow")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Front ends", "Commands", "Workflow", "Parts")
                .whereLayer("Connections").mayOnlyBeAccessedByLayers("Parts")
                .check(classes);
    }

    @Test
    void onlyTheWorkflowTalksToDrivers() {
        // Commands show what the workflow did; every verb (init, fit, status, logs, stop, fetch, config) asks
        // drivers through it, so that the magics and the command line cannot do it two ways.
        noClasses().that().resideInAnyPackage("dev.fahr.command..", "dev.fahr.magics..", "dev.fahr.cli..")
                .should().dependOnClassesThat().areAssignableTo(TrainingDriver.class)
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.fahr.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theDaemonClientNeedsOnlyJavaBase() {
        // install.sh copies this package alone into fahr-client.jar, which the launcher runs without fahr's jar.
        classes().that().resideInAPackage("dev.fahr.cli.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.fahr.cli.client..")
                .check(classes);
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
    void publicSignaturesExposeNoClientLibrary() {
        PublicApiRule.exposesNone("Docker, Jib, AWS, Jackson or Maven Resolver type",
                        type -> type.getPackageName().startsWith("com.github.dockerjava")
                                || type.getPackageName().startsWith("com.google.cloud.tools.jib")
                                || type.getPackageName().startsWith("software.amazon.awssdk")
                                || type.getPackageName().startsWith("com.fasterxml.jackson")
                                || type.getPackageName().startsWith("org.eclipse.aether"),
                        "dev.fahr.testing..", "dev.fahr.internal..")
                .check(classes);
    }
}
