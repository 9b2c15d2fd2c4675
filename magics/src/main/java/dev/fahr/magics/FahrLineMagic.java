package dev.fahr.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.fahr.command.Pacer;
import dev.fahr.workflow.DriverRegistry;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * One {@code %fahr_*} magic: runs its command, and, as a {@code Function<String, List<String>>}, offers
 * completions for its arguments (the fahr kernel's convention; kernels that do not know it ignore it).
 */
final class FahrLineMagic implements LineMagic<Object, BaseKernel>, Function<String, List<String>> {

    private final String verb;
    private final Supplier<DriverRegistry> drivers;
    private final Pacer pacer;
    private final MagicCompletion completion;

    /** @param pacer how this kernel's live views wait, shared by its magics */
    FahrLineMagic(String verb, Supplier<DriverRegistry> drivers, Pacer pacer) {
        this.verb = verb;
        this.drivers = drivers;
        this.pacer = pacer;
        this.completion = new MagicCompletion(verb, drivers, () -> Path.of("").toAbsolutePath());
    }

    @Override
    public Object eval(BaseKernel kernel, List<String> args) {
        FahrMagics.run(kernel, verb, args, drivers.get(), pacer);
        return null;
    }

    /** Candidate replacements for the last word of {@code typedArguments}. */
    @Override
    public List<String> apply(String typedArguments) {
        return completion.candidates(typedArguments);
    }
}
