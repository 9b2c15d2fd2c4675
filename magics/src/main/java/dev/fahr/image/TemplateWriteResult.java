package dev.fahr.image;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What writing a job folder's templates did, file by file.
 *
 * @param outcomes file name ({@code Dockerfile}, {@code run.sh}) to outcome
 */
public record TemplateWriteResult(Map<String, TemplateFileOutcome> outcomes) {

    public TemplateWriteResult {
        outcomes = Map.copyOf(outcomes);
    }

    /** Files kept because the user edited them: worth telling, since the new rendering is not in use. */
    public List<String> keptUserEdits() {
        return new TreeMap<>(outcomes).entrySet().stream()
                .filter(e -> e.getValue() == TemplateFileOutcome.KEPT_USER_EDITS).map(Map.Entry::getKey).toList();
    }
}
