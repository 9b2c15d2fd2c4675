package dev.fahr.runner;

import java.util.Optional;

/**
 * One notebook cell of an exported script.
 *
 * @param number     the cell's number as the exporter wrote it; messages and the failure file use it
 * @param id         the notebook cell's id, if the exporter wrote one
 * @param parameters whether this is the cell whose variables hyperparameters override (papermill's "parameters" tag)
 * @param source     the cell's code
 * @param firstLine  the line of the script file on which {@code source} starts
 */
record ScriptCell(int number, Optional<String> id, boolean parameters, String source, int firstLine) {

    /** How the runner names the cell in its log, e.g. {@code cell 4 (id 9bd0e2)}. */
    String label() {
        return "cell " + number + id.map(value -> " (id " + value + ")").orElse("");
    }
}
