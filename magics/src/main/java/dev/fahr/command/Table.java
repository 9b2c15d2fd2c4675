package dev.fahr.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rows under named columns, with an optional caption and per-row notes (a failure's reason and last
 * log lines). One value, rendered as HTML in a notebook, aligned text in a terminal, JSON for scripts.
 */
public record Table(String caption, List<String> columns, List<Row> rows) {

    /** One row; {@code cells} match the columns; a cell may carry a link; {@code notes} print below it. */
    public record Row(List<Cell> cells, List<String> notes, String group) {
        public Row {
            cells = List.copyOf(cells);
            notes = List.copyOf(notes);
            group = group == null ? "" : group;
        }
    }

    /**
     * A table cell: its text, a link where one exists (the console of a job), and whether it is marked as
     * the best of its column within its group (the best run of a grid).
     */
    public record Cell(String text, String link, boolean best) {
        public Cell {
            text = text == null ? "" : text;
            link = link == null ? "" : link;
        }

        public Cell(String text, String link) {
            this(text, link, false);
        }

        public static Cell of(String text) {
            return new Cell(text, "", false);
        }

        public static Cell best(String text) {
            return new Cell(text, "", true);
        }
    }

    public Table {
        Objects.requireNonNull(columns, "columns");
        caption = caption == null ? "" : caption;
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (Row row : rows) {
            if (row.cells().size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.cells().size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    /** Builds a {@link Table} row by row. */
    public static final class Builder {
        private final List<String> columns;
        private final List<Row> rows = new ArrayList<>();
        private String caption = "";

        private Builder(List<String> columns) {
            this.columns = columns;
        }

        public Builder caption(String value) {
            this.caption = value;
            return this;
        }

        public Builder row(String group, List<Cell> cells, List<String> notes) {
            rows.add(new Row(cells, notes, group));
            return this;
        }

        public Builder row(String... texts) {
            List<Cell> cells = new ArrayList<>();
            for (String t : texts) {
                cells.add(Cell.of(t));
            }
            rows.add(new Row(cells, List.of(), ""));
            return this;
        }

        public Table build() {
            return new Table(caption, columns, rows);
        }
    }
}
