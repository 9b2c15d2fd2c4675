package dev.fahr.kernel;

import java.util.List;

/**
 * Why a cell failed, as the frontend shows it: a name, a one-line message and the lines to print.
 * It is unchecked only because the base kernel's {@code evalRaw} allows no checked exceptions.
 */
final class CellFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<String> traceback;

    CellFailure(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    String name() {
        return name;
    }

    List<String> traceback() {
        return traceback;
    }
}
