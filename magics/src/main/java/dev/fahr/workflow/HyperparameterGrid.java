package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fahr.job.Hyperparameters;
import dev.fahr.settings.EditDistance;

/**
 * {@code --hp batch_size=128,256,512 --hp lr=0.1,0.01}: the cross product of the values, one
 * {@link Hyperparameters} per job, in a stable order (the first option varies slowest).
 */
public final class HyperparameterGrid {

    private HyperparameterGrid() {
    }

    public static List<Hyperparameters> expand(List<String> options) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new IllegalArgumentException("--hp takes NAME=VALUE[,VALUE...], e.g. --hp batch_size=128,256; not '"
                        + option + "'");
            }
            String name = option.substring(0, eq);
            if (axes.containsKey(name)) {
                throw new IllegalArgumentException("--hp " + name + " is given twice; list all its values in one option");
            }
            List<String> values = new ArrayList<>();
            for (String value : option.substring(eq + 1).split(",", -1)) {
                if (value.isBlank()) {
                    throw new IllegalArgumentException("--hp " + name + " has an empty value in '" + option + "'");
                }
                values.add(value.strip());
            }
            axes.put(name, values);
        }
        List<Hyperparameters> grid = new ArrayList<>();
        grid.add(Hyperparameters.NONE);
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Hyperparameters> next = new ArrayList<>();
            for (Hyperparameters partial : grid) {
                for (String value : axis.getValue()) {
                    next.add(partial.with(axis.getKey(), value));
                }
            }
            grid = next;
        }
        return grid;
    }

    /**
     * Refuses a name the code does not declare: a job would silently run with the default, as
     * {@code --hp learning_rate=0.1} does on a notebook whose parameters cell declares {@code learningRate}.
     *
     * @throws UsageError naming the closest declared name and the way to pass the name anyway
     */
    static void requireDeclared(Collection<String> names, List<String> declared, String notebook) {
        for (String name : names) {
            if (declared.contains(name)) {
                continue;
            }
            String closest = declared.stream().min(Comparator.comparingInt(candidate -> EditDistance.between(
                    candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)))).orElse(null);
            String known = declared.isEmpty() ? notebook + " declares no hyperparameters (no variable in a cell tagged"
                    + " parameters, no literal Fahr.hyperparameter(\"...\") read)"
                    : notebook + " declares " + String.join(", ", declared);
            throw new UsageError("--hp " + name + " names no hyperparameter the code reads, so the job would run with"
                    + " the default: " + known + "." + (closest == null ? "" : " Did you mean " + closest + "?")
                    + " To pass it anyway (a name the code reads from a variable), add --allow-undeclared.");
        }
    }
}
