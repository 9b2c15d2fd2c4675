package dev.fahr.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What running a cell's code came to. */
public sealed interface CellOutcome {

    /**
     * Every snippet ran.
     *
     * @param value     the value of the last snippet if it is an expression with a value worth showing:
     *                  never {@code null}, and never the handle {@code display(...)} returns, which would
     *                  show the same thing twice
     * @param variables the variables the code declared, name to declared type, in order
     */
    record Completed(Optional<Object> value, Map<String, String> variables) implements CellOutcome {
        public Completed {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    /** A snippet failed, or the cell was stopped; the snippets after it did not run. */
    record Failed(CellError error) implements CellOutcome {
    }
}
