package dev.fahr.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.fahr.engine.CellEngine;
import dev.fahr.kernel.jshell.NotebookApi;
import dev.fahr.kernel.magic.BuiltinMagics;
import dev.fahr.kernel.magic.KernelMagicsRegistry;
import dev.fahr.kernel.magic.MagicCatalog;
import dev.fahr.kernel.maven.MavenMagics;
import dev.fahr.kernel.output.KernelIO;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/** Builds a {@link JavaKernel}; JShell starts on a background thread right away. */
public final class JavaKernelBuilder extends BaseKernelBuilder<JavaKernelBuilder, JavaKernel> {

    static final String VERSION = "0.1.0";

    private Path workingDirectory = Path.of("").toAbsolutePath();

    JavaKernelBuilder() {
    }

    public JavaKernelBuilder workingDirectory(Path directory) {
        this.workingDirectory = directory.toAbsolutePath();
        return this;
    }

    @Override
    public JavaKernel build() {
        CompletableFuture<CellEngine> session = startSession();
        LanguageInfo language = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jsh")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
        MagicCatalog catalog = new MagicCatalog();
        // The kernel's own magics are set up in onStartup, once the sockets are bound, not here: kernel_info needs
        // none of it, and the Maven set-up and the catalog's class-path scan took about 12 ms of CPU before the
        // first reply.
        return new JavaKernel(VERSION, language, new KernelHistory(),
                new KernelIO(StandardCharsets.UTF_8), new Renderer(), new KernelMagicsRegistry(), catalog,
                buildErrorStyler(), session, workingDirectory, kernel -> {
                    registerBuiltins(kernel, catalog);
                    catalog.load(JavaKernel.class.getClassLoader());
                });
    }

    private void registerBuiltins(JavaKernel kernel, MagicCatalog catalog) {
        MavenMagics maven = MavenMagics.start(kernel::addToClasspath, catalog);
        BuiltinMagics builtins = new BuiltinMagics(new KernelMagicHost(kernel), catalog, maven::recordLocalPath);
        line(kernel, "lsmagic", args -> builtins.lsmagic());
        line(kernel, "jars", builtins::jars);
        line(kernel, "classpath", builtins::classpath);
        line(kernel, "load", builtins::load);
        line(kernel, "maven", maven::maven);
        line(kernel, "addMavenDependency", maven::maven);
        line(kernel, "mavenRepo", maven::mavenRepo);
    }

    private interface Body {
        Object run(List<String> args) throws Exception;
    }

    private static void line(JavaKernel kernel, String name, Body body) {
        LineMagic<Object, JavaKernel> magic = (k, args) -> body.run(args);
        kernel.getMagicsRegistry().registerLineMagic(name, magic);
    }

    private static CompletableFuture<CellEngine> startSession() {
        CompletableFuture<CellEngine> session = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                List<Path> api = NotebookApi.forThisJvm();
                session.complete(CellEngine.builder().compileApi(api, JavaKernel.class.getClassLoader()).build());
            } catch (Throwable e) {
                session.completeExceptionally(e);
            }
        }, "fahr-jshell-start");
        starter.setDaemon(true);
        starter.start();
        return session;
    }
}
