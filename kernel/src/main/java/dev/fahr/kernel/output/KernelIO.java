package dev.fahr.kernel.output;

import java.nio.charset.Charset;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * The base kernel's IO, kept attached to the last cell after it finishes rather than detached. An
 * extension that updates a display from a background thread through the base API (as the job status
 * table does) then still reaches the frontend while the kernel is idle.
 */
public final class KernelIO extends JupyterIO {

    public KernelIO(Charset encoding) {
        super(encoding);
    }

    public void attach(ShellReplyEnvironment env, boolean stdinEnabled) {
        setEnv(env);
        setJupyterInEnabled(stdinEnabled);
    }

    @Override
    protected void retractEnv(ShellReplyEnvironment env) {
        // Kept on purpose: the next attach() replaces it.
    }
}
