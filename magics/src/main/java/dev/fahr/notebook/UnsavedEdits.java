package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the kernel ran code that the saved notebook does not contain, which means the user edited
 * cells without saving; the export uses the saved file, and {@link #sentence()} tells the user so.
 */
public record UnsavedEdits(boolean found, List<String> unsavedSources, String sentence) {

    private static final int QUOTE_LENGTH = 60;

    public UnsavedEdits {
        Objects.requireNonNull(sentence, "sentence");
        unsavedSources = List.copyOf(unsavedSources);
    }

    /**
     * @param executedSources the sources the kernel ran, in order; blank ones and fahr's own magics
     *                        (the %fahr_init call itself) are ignored
     */
    public static UnsavedEdits compare(Notebook saved, String notebookName, List<String> executedSources) {
        Set<String> savedSources = new HashSet<>();
        saved.cells().stream().filter(cell -> cell.type() == CellType.CODE)
                .forEach(cell -> savedSources.add(normalized(cell.source())));
        List<String> unsaved = new ArrayList<>();
        for (String source : executedSources) {
            String code = normalized(source);
            if (!code.isEmpty() && !isOnlyFahrMagics(code) && !savedSources.contains(code) && !unsaved.contains(source)) {
                unsaved.add(source);
            }
        }
        if (unsaved.isEmpty()) {
            return new UnsavedEdits(false, List.of(), "Exported " + notebookName
                    + " as saved; it matches the cells this kernel ran.");
        }
        return new UnsavedEdits(true, unsaved, "Exported " + notebookName + " as saved on disk, but this kernel ran "
                + unsaved.size() + (unsaved.size() == 1 ? " cell that is" : " cells that are") + " not in it (first: \""
                + quote(unsaved.get(0)) + "\"). Save the notebook and run the export again to include your edits.");
    }

    // Trailing spaces and blank lines do not change what code does, and editors add or drop them freely.
    private static String normalized(String source) {
        StringBuilder result = new StringBuilder();
        source.lines().forEach(line -> result.append(line.stripTrailing()).append('\n'));
        return result.toString().strip();
    }

    private static boolean isOnlyFahrMagics(String code) {
        return code.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("%fahr_"));
    }

    private static String quote(String source) {
        String oneLine = source.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTE_LENGTH ? oneLine : oneLine.substring(0, QUOTE_LENGTH) + "…";
    }
}
