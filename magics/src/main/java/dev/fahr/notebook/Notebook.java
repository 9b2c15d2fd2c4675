package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Jupyter notebook in nbformat 4 (minor versions 0 to 5 are read and written as they are).
 * Immutable; fields the format does not define are kept in {@link #unknownFields()}.
 */
public final class Notebook {

    /** The newest format minor version this code knows; 4.5 added cell ids. */
    public static final int NEWEST_MINOR = 5;

    private final int nbformat;
    private final int nbformatMinor;
    private final JsonFields metadata;
    private final List<Cell> cells;
    private final JsonFields unknownFields;

    private Notebook(Builder builder) {
        this.nbformat = builder.nbformat;
        this.nbformatMinor = builder.nbformatMinor;
        this.metadata = Objects.requireNonNull(builder.metadata, "metadata");
        this.cells = List.copyOf(builder.cells);
        this.unknownFields = Objects.requireNonNull(builder.unknownFields, "unknownFields");
        if (nbformat != 4) {
            throw new NotebookException("fahr handles nbformat 4 notebooks only, not nbformat " + nbformat
                    + "; convert it with `jupyter nbconvert --to notebook --nbformat 4 FILE`.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.nbformat = nbformat;
        builder.nbformatMinor = nbformatMinor;
        builder.metadata = metadata;
        builder.cells = new ArrayList<>(cells);
        builder.unknownFields = unknownFields;
        return builder;
    }

    public int nbformat() {
        return nbformat;
    }

    public int nbformatMinor() {
        return nbformatMinor;
    }

    public JsonFields metadata() {
        return metadata;
    }

    public List<Cell> cells() {
        return cells;
    }

    public JsonFields unknownFields() {
        return unknownFields;
    }

    /**
     * The kernel's language, from the first of {@code metadata.kernelspec.language},
     * {@code metadata.language_info.name} and {@code metadata.kernelspec.name} that is present.
     */
    public NotebookLanguage language() {
        return languageName().map(NotebookLanguage::fromKernelName).orElse(NotebookLanguage.OTHER);
    }

    /** The language or kernel name {@link #language()} was decided from, for messages. */
    public Optional<String> languageName() {
        return metadata.text("kernelspec", "language")
                .or(() -> metadata.text("language_info", "name"))
                .or(() -> metadata.text("kernelspec", "name"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Notebook that
                && nbformat == that.nbformat
                && nbformatMinor == that.nbformatMinor
                && metadata.equals(that.metadata)
                && cells.equals(that.cells)
                && unknownFields.equals(that.unknownFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nbformat, nbformatMinor, metadata, cells, unknownFields);
    }

    @Override
    public String toString() {
        return "Notebook[nbformat " + nbformat + "." + nbformatMinor + ", " + cells.size() + " cells]";
    }

    public static final class Builder {
        private int nbformat = 4;
        private int nbformatMinor = NEWEST_MINOR;
        private JsonFields metadata = JsonFields.empty();
        private List<Cell> cells = new ArrayList<>();
        private JsonFields unknownFields = JsonFields.empty();

        private Builder() {
        }

        public Builder nbformat(int nbformat) {
            this.nbformat = nbformat;
            return this;
        }

        public Builder nbformatMinor(int nbformatMinor) {
            this.nbformatMinor = nbformatMinor;
            return this;
        }

        public Builder metadata(JsonFields metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder cells(List<Cell> cells) {
            this.cells = new ArrayList<>(cells);
            return this;
        }

        public Builder addCell(Cell cell) {
            this.cells.add(cell);
            return this;
        }

        public Builder unknownFields(JsonFields unknownFields) {
            this.unknownFields = unknownFields;
            return this;
        }

        public Notebook build() {
            return new Notebook(this);
        }
    }
}
