package dev.fahr.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.LineMagicArgs;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;

/**
 * The path a JJava user takes: a kernel of the jjava-jupyter lineage (here a minimal one, not fahr's)
 * loads extensions with {@code ServiceLoader}; the fahr magics jar on its class path is enough.
 */
class FahrExtensionServiceTest {

    static final Set<String> MAGICS = Set.of("fahr_init", "fahr_fit", "fahr_status", "fahr_logs", "fahr_fetch",
            "fahr_stop", "fahr_copy", "fahr_help");

    /** The smallest kernel jjava-jupyter allows: it records what it is asked to evaluate and display. */
    static final class TestKernel extends BaseKernel {
        final List<String> evaluated = new ArrayList<>();
        final List<DisplayData> displayed = new ArrayList<>();

        TestKernel() {
            super("test", "1", new LanguageInfo.Builder("java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                    new RememberingRegistry(), true, new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String source) {
            evaluated.add(source);
            return null;
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }

        /** Protected in the base class: what a kernel does with each class path it is given. */
        void install(ClassLoader loader) {
            installExtensions(loader);
        }
    }

    /** A loader over the built magics classes (a folder or the jar), as a kernel makes one for a class path. */
    private static URLClassLoader overBuiltMagics() {
        URL built = FahrExtension.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {built}, TestKernel.class.getClassLoader());
    }

    @Test
    void theBuiltClassesDeclareTheExtensionService() throws IOException {
        URL built = FahrExtension.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader onlyBuilt = new URLClassLoader(new URL[] {built}, null);
             InputStream services = onlyBuilt.getResourceAsStream("META-INF/services/" + Extension.class.getName())) {
            assertTrue(services != null, "no service file for " + Extension.class.getName() + " in " + built);
            String text = new String(services.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.lines().map(String::strip).anyMatch(FahrExtension.class.getName()::equals), text);
        }
    }

    @Test
    void serviceLoaderFindsFahrExtension() throws IOException {
        try (URLClassLoader loader = overBuiltMagics()) {
            List<String> providers = ServiceLoader.load(Extension.class, loader).stream()
                    .map(p -> p.type().getName()).toList();
            assertTrue(providers.contains(FahrExtension.class.getName()), providers.toString());
        }
    }

    @Test
    void installingExtensionsRegistersTheFahrMagicsAndImportsTheRuntimeApi() throws IOException {
        TestKernel kernel = new TestKernel();
        try (URLClassLoader loader = overBuiltMagics()) {
            kernel.install(loader);
        }
        Set<String> names = kernel.getMagicsRegistry().getLineMagicNames();
        assertTrue(names.containsAll(MAGICS), names.toString());
        assertEquals(List.of("import dev.fahr.runtime.Fahr;"), kernel.evaluated);

        // Installing again (another class path holding the same jar) changes nothing.
        try (URLClassLoader again = overBuiltMagics()) {
            kernel.install(again);
        }
        assertEquals(1, kernel.evaluated.size());
    }

    @Test
    void aRegisteredMagicRunsAndPrintsThroughTheKernel() throws Exception {
        TestKernel kernel = new TestKernel();
        try (URLClassLoader loader = overBuiltMagics()) {
            kernel.install(loader);
        }
        String printed = printedBy(() -> kernel.getMagicsRegistry().evalLineMagic(kernel, "fahr_help", List.of()));
        String shown = printed + kernel.displayed;
        for (String magic : List.of("%fahr_init", "%fahr_fit", "%fahr_status", "%fahr_stop")) {
            assertTrue(shown.contains(magic), shown);
        }
    }

    @Test
    void theRegisteredMagicsCompleteTheirArguments() throws IOException {
        TestKernel kernel = new TestKernel();
        try (URLClassLoader loader = overBuiltMagics()) {
            kernel.install(loader);
        }
        // The kernel sees only the registry's LineMagic; completion is the JDK-only Function convention.
        Object fit = ((RememberingRegistry) kernel.getMagicsRegistry()).lineMagics.get("fahr_fit");
        assertTrue(fit instanceof Function<?, ?>, String.valueOf(fit));
        @SuppressWarnings("unchecked")
        List<String> candidates = ((Function<String, List<String>>) fit).apply("--train-driver=");
        assertEquals(List.of("--train-driver=local", "--train-driver=sagemaker"), candidates);
    }

    @Test
    void theHelpSpellingWorksWhereTheKernelsParserReadsTheQuestionMarkIntoTheName() throws Exception {
        TestKernel kernel = new TestKernel();
        try (URLClassLoader loader = overBuiltMagics()) {
            kernel.install(loader);
        }
        // JJava parses cells with the base library's MagicParser, "%" as its line prefix.
        List<LineMagicArgs> calls = new ArrayList<>();
        new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler() {
            @Override
            public String transpileLine(ParsedLineMagic magic) {
                calls.add(magic.magicCall);
                return "";
            }
        }).resolveMagics("%fahr_init?");
        assertEquals("fahr_init?", calls.get(0).name, "JJava reads the ? into the magic's name");
        String help = printedBy(() -> kernel.getMagicsRegistry().evalLineMagic(kernel, calls.get(0).name,
                calls.get(0).args)) + kernel.displayed;
        assertTrue(help.contains("%fahr_init") && help.contains("--train-driver"), help);
    }

    @Test
    void fromHistoryOnAKernelWithoutAHistorySaysWhatToDoInstead() throws Exception {
        TestKernel kernel = new TestKernel();
        try (URLClassLoader loader = overBuiltMagics()) {
            kernel.install(loader);
        }
        Exception e = assertThrows(Exception.class,
                () -> kernel.getMagicsRegistry().evalLineMagic(kernel, "fahr_init", List.of("--from-history")));
        assertTrue(e.getMessage().contains("keeps none: name the notebook instead, e.g. %fahr_init train.ipynb"),
                e.getMessage());
    }

    @Test
    void theConnectionFileIsFoundAmongTheKernelProcesssArguments(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path connection = java.nio.file.Files.writeString(dir.resolve("kernel-4f2a.json"), "{}");
        java.nio.file.Path other = java.nio.file.Files.writeString(dir.resolve("settings.json"), "{}");
        assertEquals(java.util.Optional.of(connection), FahrMagics.connectionFileIn(List.of("/usr/bin/java", "-cp",
                "jjava.jar", "org.dflib.jjava.JJava", connection.toString())));
        assertEquals(java.util.Optional.of(connection), FahrMagics.connectionFileIn(List.of(connection.toString(),
                other.toString())), "Jupyter's kernel-<id>.json wins");
        assertEquals(java.util.Optional.of(other), FahrMagics.connectionFileIn(List.of("-jar", "k.jar", other.toString())));
        assertEquals(java.util.Optional.empty(), FahrMagics.connectionFileIn(List.of("-jar", "k.jar",
                dir.resolve("kernel-missing.json").toString())));
    }

    /** A registry that hands back the magic objects, as the fahr kernel's does for completion. */
    static final class RememberingRegistry extends MagicsRegistry {
        final java.util.Map<String, Object> lineMagics = new java.util.HashMap<>();

        @Override
        public MagicsRegistry registerLineMagic(String name, org.dflib.jjava.jupyter.kernel.magic.LineMagic<?, ?> magic) {
            lineMagics.put(name, magic);
            return super.registerLineMagic(name, magic);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String printedBy(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
