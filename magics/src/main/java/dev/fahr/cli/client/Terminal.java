package dev.fahr.cli.client;

/** Whether this process writes to a terminal. Only {@code java.base}: the client jar holds it. */
public final class Terminal {

    private Terminal() {
    }

    /** Java 22+ says so directly; older ones by having a console at all. */
    public static boolean attached() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderThan22) {
            return true;
        }
    }
}
