package dev.fahr.resolver.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Jib's written rule, as one ArchUnit rule for every fahr module: a public type's public signatures name no
 * type of a client library, so the library can change under fahr's API. It looks at everything a caller
 * sees: the supertypes, the public methods' return and parameter types, their generic type arguments and
 * thrown types, the public constructors, and the public fields.
 */
public final class PublicApiRule {

    private PublicApiRule() {
    }

    /**
     * @param libraries what counts as a library type, e.g. a package prefix test
     * @param exempt    packages that are not API (test fixtures, {@code ..internal..})
     */
    public static ArchRule exposesNone(String librariesDescription, Predicate<JavaClass> libraries, String... exempt) {
        return classes().that().arePublic().and().resideOutsideOfPackages(exempt)
                .should(new ArchCondition<JavaClass>("expose no " + librariesDescription + " in public signatures") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (String leak : leaks(type, libraries)) {
                            events.add(SimpleConditionEvent.violated(type, leak));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    private static List<String> leaks(JavaClass type, Predicate<JavaClass> libraries) {
        List<String> leaks = new ArrayList<>();
        type.getSuperclass().ifPresent(superclass -> check(type.getName() + " extends", superclass, libraries, leaks));
        type.getInterfaces().forEach(face -> check(type.getName() + " implements", face, libraries, leaks));
        for (JavaCodeUnit unit : type.getCodeUnits()) {
            if (!unit.getModifiers().contains(JavaModifier.PUBLIC) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                continue;
            }
            String where = unit.getFullName();
            check(where + " returns", unit.getReturnType(), libraries, leaks);
            unit.getParameterTypes().forEach(parameter -> check(where + " takes", parameter, libraries, leaks));
            unit.getThrowsClause().getTypes().forEach(thrown -> check(where + " throws", thrown, libraries, leaks));
        }
        for (JavaField field : type.getFields()) {
            if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
                check(field.getFullName() + " is", field.getType(), libraries, leaks);
            }
        }
        return leaks;
    }

    private static void check(String where, JavaType type, Predicate<JavaClass> libraries, List<String> leaks) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            if (libraries.test(involved)) {
                leaks.add(where + " " + involved.getName() + (involved.equals(type.toErasure()) ? ""
                        : " (in " + type.getName() + ")"));
            }
        }
    }
}
