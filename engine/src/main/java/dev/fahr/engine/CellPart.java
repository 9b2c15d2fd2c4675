package dev.fahr.engine;

import java.util.List;

/** One piece of a cell, evaluated in order: Java code, a line magic, or a cell magic with its body. */
public sealed interface CellPart {

    /** Java source, possibly many snippets. {@code firstLine} is 1-based within the cell. */
    record Code(String source, int firstLine) implements CellPart {
    }

    /** {@code %name arg arg} on a line of its own. */
    record LineMagic(String name, List<String> args, String rawArgs, int line) implements CellPart {
        public LineMagic {
            args = List.copyOf(args);
        }
    }

    /** {@code %%name args} as the cell's first line; the rest of the cell is its body. */
    record CellMagic(String name, List<String> args, String rawArgs, String body) implements CellPart {
        public CellMagic {
            args = List.copyOf(args);
        }
    }
}
