package dev.fahr.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.fahr.kernel.magic.BuiltinMagics;

/** Gives the built-in magics what they act on, from a running kernel. */
final class KernelMagicHost implements BuiltinMagics.Host {

    private final JavaKernel kernel;

    KernelMagicHost(JavaKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void addToClasspath(Path jar) {
        kernel.addToClasspath(jar);
    }

    @Override
    public List<String> classPath() {
        return kernel.session().compileClassPath();
    }

    @Override
    public Object evalScript(String code) {
        return kernel.evalRaw(code);
    }

    @Override
    public Set<String> lineMagicNames() {
        return kernel.lineMagicNames();
    }

    @Override
    public Set<String> cellMagicNames() {
        return kernel.cellMagicNames();
    }

    @Override
    public Path workingDirectory() {
        return kernel.workingDirectory();
    }
}
