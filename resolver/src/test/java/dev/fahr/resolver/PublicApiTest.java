package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.fahr.resolver.testing.PublicApiRule;

/** Jib's rule: the public API exposes no library internals, so Maven Resolver can change under it. */
class PublicApiTest {

    @Test
    void publicSignaturesMentionNoMavenResolverType() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fahr.resolver");
        assertTrue(classes.stream().filter(c -> c.getModifiers().contains(
                com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)).count() >= 8, classes.toString());
        PublicApiRule.exposesNone("Maven Resolver or Maven type", type -> type.getPackageName().startsWith("org.eclipse.aether")
                || type.getPackageName().startsWith("org.apache.maven") || type.getPackageName().startsWith("org.codehaus"))
                .check(classes);
    }
}
