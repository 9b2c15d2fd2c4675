package dev.fahr.notebook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notebook cell. Immutable; build one with {@link #builder(CellType)} or change one with
 * {@link #toBuilder()}. Fields of the cell that nbformat 4.5 does not define are kept in
 * {@link #unknownFields()} and written back unchanged.
 */
public final class Cell {

    private final CellType type;
    private final String id;
    private final String source;
    private final JsonFields metadata;
    private final List<JsonFields> outputs;
    private final Integer executionCount;
    private final JsonFields attachments;
    private final JsonFields unknownFields;

    private Cell(Builder builder) {
        this.type = Objects.requireNonNull(builder.type, "type");
        this.id = builder.id;
        this.source = Objects.requireNonNull(builder.source, "source");
        this.metadata = Objects.requireNonNull(builder.metadata, "metadata");
        this.outputs = List.copyOf(builder.outputs);
        this.executionCount = builder.executionCount;
        this.attachments = builder.attachments;
        this.unknownFields = Objects.requireNonNull(builder.unknownFields, "unknownFields");
        if (type != CellType.CODE && (!outputs.isEmpty() || executionCount != null)) {
            throw new NotebookException("A " + type.jsonName() + " cell cannot have outputs or an execution count;"
                    + " only code cells run. Make it a code cell or drop the outputs.");
        }
    }

    public static Builder builder(CellType type) {
        return new Builder(type);
    }

    public static Cell code(String source) {
        return builder(CellType.CODE).source(source).build();
    }

    public static Cell markdown(String source) {
        return builder(CellType.MARKDOWN).source(source).build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder(type);
        builder.id = id;
        builder.source = source;
        builder.metadata = metadata;
        builder.outputs = outputs;
        builder.executionCount = executionCount;
        builder.attachments = attachments;
        builder.unknownFields = unknownFields;
        return builder;
    }

    public CellType type() {
        return type;
    }

    /** The cell id, present from nbformat 4.5 on. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The source as one string; lists of lines in the file are joined as Jupyter does. */
    public String source() {
        return source;
    }

    public JsonFields metadata() {
        return metadata;
    }

    /** The cell's tags from {@code metadata.tags}, e.g. "parameters" or "fahr:skip". */
    public List<String> tags() {
        return metadata.texts("tags");
    }

    public boolean hasTag(String tag) {
        return tags().contains(tag);
    }

    /** Outputs of a code cell, kept as read (empty for other cell types). */
    public List<JsonFields> outputs() {
        return outputs;
    }

    /** The execution count of a code cell; empty when it never ran (null in the file). */
    public Optional<Integer> executionCount() {
        return Optional.ofNullable(executionCount);
    }

    /** Attachments of a markdown or raw cell, when the cell has the field. */
    public Optional<JsonFields> attachments() {
        return Optional.ofNullable(attachments);
    }

    public JsonFields unknownFields() {
        return unknownFields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cell that
                && type == that.type
                && Objects.equals(id, that.id)
                && source.equals(that.source)
                && metadata.equals(that.metadata)
                && outputs.equals(that.outputs)
                && Objects.equals(executionCount, that.executionCount)
                && Objects.equals(attachments, that.attachments)
                && unknownFields.equals(that.unknownFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, source, metadata, outputs, executionCount, attachments, unknownFields);
    }

    @Override
    public String toString() {
        return "Cell[" + type.jsonName() + (id == null ? "" : " id=" + id) + ", " + source.length() + " chars]";
    }

    public static final class Builder {
        private final CellType type;
        private String id;
        private String source = "";
        private JsonFields metadata = JsonFields.empty();
        private List<JsonFields> outputs = List.of();
        private Integer executionCount;
        private JsonFields attachments;
        private JsonFields unknownFields = JsonFields.empty();

        private Builder(CellType type) {
            this.type = type;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder metadata(JsonFields metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Replaces {@code metadata.tags}, keeping the rest of the metadata. */
        public Builder tags(String... tags) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < tags.length; i++) {
                json.append(i == 0 ? "" : ",").append('"').append(tags[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            this.metadata = metadata.with("tags", json.append(']').toString());
            return this;
        }

        public Builder outputs(List<JsonFields> outputs) {
            this.outputs = List.copyOf(outputs);
            return this;
        }

        public Builder executionCount(Integer executionCount) {
            this.executionCount = executionCount;
            return this;
        }

        public Builder attachments(JsonFields attachments) {
            this.attachments = attachments;
            return this;
        }

        public Builder unknownFields(JsonFields unknownFields) {
            this.unknownFields = unknownFields;
            return this;
        }

        public Cell build() {
            return new Cell(this);
        }
    }
}
