package dev.fahr.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that compiles against the declared notebook API (this build's own META-INF/jshell/api-classes
 * lists) and what the user adds, never the kernel's own libraries, which are all on this JVM's class path.
 */
class ScopedCompileClassPathTest {

    @TempDir
    static Path temp;

    private static JShellSession session;
    private static Path api;

    @BeforeAll
    static void start() throws IOException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        api = NotebookApi.folder(ScopedCompileClassPathTest.class.getClassLoader(), classPath, temp.resolve("cache"));
        session = new JShellSession(Thread::new, List.of(), List.of(api));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static Object value(String code) throws Exception {
        return session.eval(code).valueIfAny().orElseThrow(() -> new AssertionError("no value for " + code));
    }

    @Test
    void theDisplayApiAndTheRuntimeApiCompile() throws Exception {
        assertEquals("shown", value("new org.dflib.jjava.jupyter.kernel.display.DisplayData(\"shown\")"
                + ".getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)"));
        assertEquals("text/html", value("dev.fahr.kernel.display.NotebookFunctions.html(\"<b>x</b>\")"
                + ".getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML) != null ? \"text/html\" : \"none\""));
        assertEquals(false, value("dev.fahr.runtime.Fahr.isJob()"));
    }

    @Test
    void theKernelsOwnLibrariesDoNotCompile() {
        for (String hidden : List.of("com.fasterxml.jackson.databind.ObjectMapper", "org.dflib.jjava.jupyter.kernel.BaseKernel",
                "dev.fahr.kernel.jshell.JShellSession", "picocli.CommandLine")) {
            CompileException e = assertThrows(CompileException.class, () -> session.eval(hidden + " hidden = null;"),
                    hidden + " should not be visible to notebook code");
            assertTrue(e.getMessage().contains("does not exist") || e.getMessage().contains("cannot find symbol"),
                    e.getMessage());
        }
    }

    @Test
    void whatTheUserAddsCompilesAndTheKernelsLibrariesStayHidden() throws Exception {
        Path jar = greeterJar();
        session.addToClasspath(jar.toString());
        assertEquals("hi", value("acme.Greeter.hi()"));
        assertThrows(CompileException.class, () -> session.eval("picocli.CommandLine hidden = null;"));
        List<String> listed = session.compileClassPath();
        assertEquals(api.toString(), listed.get(0));
        assertEquals(jar.toString(), listed.get(listed.size() - 1));
    }

    private static Path greeterJar() throws IOException {
        Path src = Files.createDirectories(temp.resolve("src/acme"));
        Files.writeString(src.resolve("Greeter.java"),
                "package acme; public class Greeter { public static String hi() { return \"hi\"; } }");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.resolve("Greeter.java").toString()));
        Path jar = temp.resolve("greeter.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("acme/Greeter.class"));
            zip.write(Files.readAllBytes(classes.resolve("acme/Greeter.class")));
            zip.closeEntry();
        }
        return jar;
    }
}
