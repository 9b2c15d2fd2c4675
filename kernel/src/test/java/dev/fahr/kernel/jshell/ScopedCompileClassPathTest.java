package dev.fahr.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import dev.fahr.engine.CellEngine;
import dev.fahr.engine.CellError;
import dev.fahr.engine.CellOrigin;
import dev.fahr.engine.CellOutcome;

/**
 * The kernel's cell engine compiles and runs against the declared notebook API (this build's own
 * META-INF/jshell/api-classes lists) and what the user adds, never the kernel's own libraries, which are all
 * on this JVM's class path.
 */
class ScopedCompileClassPathTest {

    @TempDir
    static Path temp;

    private static CellEngine session;
    private static Path api;

    @BeforeAll
    static void start() throws IOException {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        api = NotebookApi.folder(ScopedCompileClassPathTest.class.getClassLoader(), classPath, temp.resolve("cache"));
        session = CellEngine.builder().threads(Thread::new)
                .compileApi(List.of(api), ScopedCompileClassPathTest.class.getClassLoader()).build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static Object value(String code) {
        CellOutcome outcome = session.run(code, CellOrigin.UNKNOWN);
        if (outcome instanceof CellOutcome.Failed failed) {
            throw new AssertionError(code + " failed: " + failed.error().traceback());
        }
        return ((CellOutcome.Completed) outcome).value().orElseThrow(() -> new AssertionError("no value for " + code));
    }

    private static CellError compileError(String code) {
        CellOutcome outcome = session.run(code, CellOrigin.UNKNOWN);
        if (outcome instanceof CellOutcome.Failed failed && failed.error().kind() == CellError.Kind.COMPILE) {
            return failed.error();
        }
        throw new AssertionError(code + " compiled: " + outcome);
    }

    @Test
    void theDisplayApiAndTheRuntimeApiCompileAndAreImported() {
        assertEquals("<b>x</b>", value("dev.fahr.display.Rendering r = html(\"<b>x</b>\");\nr.data().get(\"text/html\")"));
        assertEquals(false, value("Fahr.isJob()"));
    }

    @Test
    void theKernelsOwnLibrariesDoNotCompile() {
        for (String hidden : List.of("com.fasterxml.jackson.databind.ObjectMapper", "org.dflib.jjava.jupyter.kernel.BaseKernel",
                "org.dflib.jjava.jupyter.kernel.display.DisplayData", "dev.fahr.kernel.JavaKernel",
                "dev.fahr.engine.CellEngine", "picocli.CommandLine")) {
            CellError e = compileError(hidden + " hidden = null;");
            assertTrue(e.message().contains("does not exist") || e.message().contains("cannot find symbol"),
                    hidden + " should not be visible to notebook code: " + e.message());
        }
    }

    @Test
    void whatTheUserAddsCompilesAndTheKernelsLibrariesStayHidden() throws Exception {
        Path jar = greeterJar();
        session.addToClasspath(jar);
        assertEquals("hi", value("acme.Greeter.hi()"));
        compileError("picocli.CommandLine hidden = null;");
        List<String> listed = session.compileClassPath();
        assertEquals(api.toString(), listed.get(0));
        assertEquals(jar.toString(), listed.get(listed.size() - 1));
    }

    @Test
    void cellsRunWithTheLibraryVersionTheyAddedNotTheKernelsCopy() throws Exception {
        // The kernel bundles Guava; a cell that adds its own com.google.common.base.Strings gets that one.
        session.addToClasspath(jar("fake-guava.jar", "com/google/common/base/Strings",
                "package com.google.common.base; public final class Strings {"
                        + " public static String origin() { return \"the cell's jar\"; } }"));
        assertEquals("the cell's jar", value("com.google.common.base.Strings.origin()"));
    }

    @Test
    void theKernelsLibrariesAreHiddenAtRunTimeTooButTheApiIsTheKernelsOwn() throws Exception {
        assertEquals("hidden", value("String r; try { Class.forName(\"com.fasterxml.jackson.databind.ObjectMapper\");"
                + " r = \"visible\"; } catch (ClassNotFoundException e) { r = \"hidden\"; } r"));
        assertEquals(true, value("dev.fahr.display.Displays.class.getClassLoader() == ClassLoader.getSystemClassLoader()"));
        assertEquals("notebook", value("Thread.currentThread().getContextClassLoader().getName()"));
    }

    private static Path greeterJar() throws IOException {
        return jar("greeter.jar", "acme/Greeter",
                "package acme; public class Greeter { public static String hi() { return \"hi\"; } }");
    }

    /** A jar of one class, compiled from {@code source}; {@code binaryName} like {@code acme/Greeter}. */
    private static Path jar(String fileName, String binaryName, String source) throws IOException {
        Path work = Files.createTempDirectory(temp, "jar-");
        Path src = work.resolve("src").resolve(binaryName + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));
        Path jar = temp.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry(binaryName + ".class"));
            zip.write(Files.readAllBytes(classes.resolve(binaryName + ".class")));
            zip.closeEntry();
        }
        return jar;
    }
}
