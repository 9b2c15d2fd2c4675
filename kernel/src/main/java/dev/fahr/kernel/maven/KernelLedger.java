package dev.fahr.kernel.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fahr.resolver.DependencyLedger;

/**
 * The kernel's dependency ledger: a file per kernel, in a temporary folder made at start-up (never in the
 * user's project), whose path is published in a system property so that an extension running in this JVM
 * (an export, say) reads exactly what this kernel added.
 */
public final class KernelLedger {

    /** System property holding the absolute path of this kernel's ledger file (JSON, see {@link DependencyLedger}). */
    public static final String SYSTEM_PROPERTY = "jupyter.kernel.dependency_ledger";

    private KernelLedger() {
    }

    /** Creates the file, publishes its path, and removes it when the JVM exits: it describes this process only. */
    public static DependencyLedger start() {
        try {
            Path folder = Files.createTempDirectory("fahr-kernel-");
            Path file = folder.resolve("dependencies.json");
            folder.toFile().deleteOnExit();
            DependencyLedger ledger = DependencyLedger.create(file);
            file.toFile().deleteOnExit();
            System.setProperty(SYSTEM_PROPERTY, ledger.file().toString());
            return ledger;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the kernel's dependency ledger in the temporary folder", e);
        }
    }
}
