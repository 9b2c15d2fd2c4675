package dev.fahr.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a command that runs as a magic knows of its kernel, to find "the current notebook".
 *
 * @param connectionFile the kernel's connection file, whose name holds the kernel id, if it is known
 * @param history        the cells the kernel executed, in order; empty when the kernel keeps no history
 *                       (JJava keeps none), which is not the same as a kernel that ran no cell yet
 */
public record KernelFacts(Optional<Path> connectionFile, Optional<List<String>> history) {

    public KernelFacts {
        history = history.map(List::copyOf);
    }

    /** The executed cells, or none when the kernel keeps no history. */
    List<String> cells() {
        return history.orElse(List.of());
    }
}
