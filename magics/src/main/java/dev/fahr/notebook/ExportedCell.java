package dev.fahr.notebook;

import java.util.Objects;
import java.util.Optional;

/**
 * A cell that made it into an exported script: its 1-based position among all the notebook's cells,
 * its id when it has one, and whether it is the parameters cell.
 */
public record ExportedCell(int number, Optional<String> id, boolean parameters) {

    public ExportedCell {
        Objects.requireNonNull(id, "id");
        if (number < 1) {
            throw new IllegalArgumentException("cell numbers start at 1: " + number);
        }
    }
}
