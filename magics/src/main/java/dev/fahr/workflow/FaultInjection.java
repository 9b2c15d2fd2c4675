package dev.fahr.workflow;

/**
 * Test-only: {@code FAHR_FAULT_INJECTION=halt-after-record|halt-after-submit} makes {@code fit} halt the JVM
 * (exit 137, as SIGKILL) at that point, so crash tests hit the windows between record, submit and update.
 */
final class FaultInjection {

    static final String ENV = "FAHR_FAULT_INJECTION";
    static final String AFTER_RECORD = "halt-after-record";
    static final String AFTER_SUBMIT = "halt-after-submit";

    private FaultInjection() {
    }

    /** Halts at once, running no shutdown hooks and flushing nothing, if the environment asks for {@code point}. */
    static void at(String point) {
        if (point.equals(System.getenv(ENV))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
