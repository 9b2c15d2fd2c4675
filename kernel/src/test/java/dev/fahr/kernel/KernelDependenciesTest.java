package dev.fahr.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The kernel knows nothing of fahr's training runs: the magics reach it only through the Extension service at
 * run time. It runs cells through the cell engine and its display API, which the training runner shares.
 */
class KernelDependenciesTest {

    @Test
    void theKernelDependsOnNoFahrCodeButItsOwnTheEngineModuleAndTheResolver() {
        JavaClasses kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fahr.kernel");
        noClasses().that().resideInAPackage("dev.fahr.kernel..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are fahr classes outside the kernel, the engine module (cells, display API, files) and the resolver",
                        c -> c.getPackageName().startsWith("dev.fahr.")
                                && !c.getPackageName().startsWith("dev.fahr.kernel")
                                && !c.getPackageName().equals("dev.fahr.engine")
                                && !c.getPackageName().equals("dev.fahr.display")
                                && !c.getPackageName().equals("dev.fahr.files")
                                && !c.getPackageName().startsWith("dev.fahr.resolver")))
                .check(kernel);
    }
}
