package dev.fahr.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Jib's rule: the public API exposes no library internals, so Maven Resolver can change under it. */
class PublicApiTest {

    private static final List<String> FORBIDDEN = List.of("org.eclipse.aether", "org.apache.maven", "org.codehaus");

    @Test
    void publicSignaturesMentionNoMavenResolverType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = publicTypes();
        assertTrue(types.size() >= 8, "found " + types);
        for (Class<?> type : types) {
            List<Type> mentioned = new ArrayList<>();
            mentioned.add(type.getGenericSuperclass());
            mentioned.addAll(List.of(type.getGenericInterfaces()));
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    mentioned.add(m.getGenericReturnType());
                    addSignature(m, mentioned);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers())) {
                    addSignature(c, mentioned);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    mentioned.add(f.getGenericType());
                }
            }
            for (Type t : mentioned) {
                if (t != null && FORBIDDEN.stream().anyMatch(t.getTypeName()::contains)) {
                    leaks.add(type.getName() + " exposes " + t.getTypeName());
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    private static void addSignature(Executable e, List<Type> into) {
        into.addAll(List.of(e.getGenericParameterTypes()));
        into.addAll(List.of(e.getGenericExceptionTypes()));
    }

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(DependencyResolver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/fahr/resolver");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "").replace('$', '.');
                Class<?> type = Class.forName("dev.fahr.resolver." + file.getFileName().toString().replace(".class", ""));
                if (Modifier.isPublic(type.getModifiers()) && !name.isEmpty()) {
                    types.add(type);
                }
            }
        }
        return types;
    }
}
