package dev.fahr.kernel.jshell;

/** The user interrupted the running cell; everything declared before it is kept. */
public final class CellInterruptedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CellInterruptedException() {
        super("The cell was interrupted; the kernel and its declarations are intact.", null, false, false);
    }
}
