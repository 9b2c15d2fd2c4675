package dev.fahr.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Found by the base library's {@code ServiceLoader} for {@link Extension}: putting the fahr jar on a
 * JJava kernel's class path (or {@code %jars}) is enough to get the {@code %fahr_*} magics.
 */
public final class FahrExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        FahrMagics.register(kernel);
    }
}
