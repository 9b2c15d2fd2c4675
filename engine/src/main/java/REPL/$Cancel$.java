package REPL;

/**
 * The stop check that JShell weaves into snippet classes from JDK 22 on: their methods call
 * {@code REPL.$Cancel$.stopCheck()} on entry and before every backward branch, because Thread.stop is
 * gone. The JDK's own execution control defines this class when its {@code invoke} first runs; the
 * kernel's control runs snippets itself, so the kernel ships the class instead (snippet class loaders
 * find it through their parent), and sets {@link #allStop} to stop a runaway cell. On JDK 17 nothing
 * calls it.
 */
@SuppressWarnings({"checkstyle:TypeName", "unused"})
public final class $Cancel$ {

    /** Set while a stop is requested; every instrumented snippet method then throws at its next check. */
    public static volatile boolean allStop;

    private $Cancel$() {
    }

    @SuppressWarnings("removal")
    public static void stopCheck() {
        if (allStop) {
            throw new ThreadDeath();
        }
    }
}
