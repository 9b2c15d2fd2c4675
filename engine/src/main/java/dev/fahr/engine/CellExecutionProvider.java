package dev.fahr.engine;

import java.util.Map;
import java.util.concurrent.ThreadFactory;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell our in-process execution control; JShell asks for it once, when it starts. */
final class CellExecutionProvider implements ExecutionControlProvider {

    private final CellExecutionControl control;

    CellExecutionProvider(ThreadFactory cellThreads, NotebookLoaderDelegate classes) {
        this.control = new CellExecutionControl(cellThreads, classes);
    }

    CellExecutionControl control() {
        return control;
    }

    @Override
    public String name() {
        return "fahr-cell";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
