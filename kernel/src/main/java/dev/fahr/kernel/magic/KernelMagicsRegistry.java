package dev.fahr.kernel.magic;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** The base registry, which also hands out the magic objects it holds, so that completion can ask them. */
public final class KernelMagicsRegistry extends MagicsRegistry {

    private final Map<String, LineMagic<?, ?>> lineMagics = new ConcurrentHashMap<>();

    @Override
    public MagicsRegistry registerLineMagic(String name, LineMagic<?, ?> magic) {
        lineMagics.put(name, magic);
        return super.registerLineMagic(name, magic);
    }

    /** The line magic registered under {@code name}, as registered. */
    public Optional<LineMagic<?, ?>> lineMagic(String name) {
        return Optional.ofNullable(lineMagics.get(name));
    }
}
