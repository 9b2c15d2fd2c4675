package dev.fahr.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kernel knows nothing of fahr: the magics reach it only through the Extension service at run time. */
class KernelDependenciesTest {

    @Test
    void theKernelDependsOnNoFahrCodeButItsOwnAndTheResolver() {
        JavaClasses kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fahr.kernel");
        noClasses().that().resideInAPackage("dev.fahr.kernel..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are fahr classes outside dev.fahr.kernel and dev.fahr.resolver",
                        c -> c.getPackageName().startsWith("dev.fahr.")
                                && !c.getPackageName().startsWith("dev.fahr.kernel")
                                && !c.getPackageName().startsWith("dev.fahr.resolver")))
                .check(kernel);
    }
}
