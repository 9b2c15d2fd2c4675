package dev.fahr.runner;

import java.util.Optional;

/** How running one cell ended. */
sealed interface CellOutcome {

    /** Every snippet ran; {@code value} is the cell's last expression's value, if it ended with one. */
    record Completed(Optional<String> value) implements CellOutcome {
    }

    /** A snippet did not compile or threw; the cells after it do not run. */
    record Failed(FailureReport report) implements CellOutcome {
    }
}
