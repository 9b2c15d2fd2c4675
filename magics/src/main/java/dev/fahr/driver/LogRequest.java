package dev.fahr.driver;

import java.util.OptionalInt;

/** Which log lines to deliver: the last {@code tail} lines (all when empty), then more while following. */
public record LogRequest(OptionalInt tail, boolean follow) {

    public static final LogRequest ALL = new LogRequest(OptionalInt.empty(), false);

    public static LogRequest tail(int lines) {
        return new LogRequest(OptionalInt.of(lines), false);
    }

    public LogRequest following() {
        return new LogRequest(tail, true);
    }
}
