package dev.fahr.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import dev.fahr.records.JobRecord;
import dev.fahr.records.JobRecords;
import dev.fahr.records.ScriptStore;

/**
 * {@code diff JOB_A JOB_B}: what differs between two runs, from their records: hyperparameters, settings,
 * the image, the dependencies, and the notebook itself, cell by cell (of the scripts the jobs ran, kept by
 * content), beside their metrics and durations.
 */
public final class DiffWorkflow {

    /** A value that differs: {@code before} in the first run, {@code after} in the second; "" where absent. */
    public record Change(String name, String before, String after) {
    }

    /**
     * A cell that differs, by its id (else its number) in both scripts.
     *
     * @param kind    {@code changed}, {@code added} (only in the second run) or {@code removed}
     * @param unified the unified diff of its lines, headers included
     */
    public record CellChange(String label, String kind, List<String> unified) {
        public CellChange {
            unified = List.copyOf(unified);
        }
    }

    /** Everything that differs between {@code a} and {@code b}. */
    public record RunDiff(JobRecord a, JobRecord b, List<Change> hyperparameters, List<Change> settings,
                          List<Change> image, List<Change> dependencies, List<CellChange> cells,
                          Optional<String> scriptsMissing) {
        public RunDiff {
            hyperparameters = List.copyOf(hyperparameters);
            settings = List.copyOf(settings);
            image = List.copyOf(image);
            dependencies = List.copyOf(dependencies);
            cells = List.copyOf(cells);
        }
    }

    private static final Pattern MARKER = Pattern.compile("(?://|#) @fahr-cell (\\d{1,9})(?: id=(\\S+))?( parameters)?");
    private static final Pattern COORDINATE = Pattern.compile("([^:]+:[^:]+):.*");

    private final JobRecords records;
    private final ScriptStore scripts;

    public DiffWorkflow(JobRecords records, ScriptStore scripts) {
        this.records = records;
        this.scripts = scripts;
    }

    /** Two jobs named by {@link JobSelector#one}. */
    public RunDiff diff(String first, String second) {
        List<JobRecord> all = records.all();
        return diff(JobSelector.one(all, first, records.projectFolder()),
                JobSelector.one(all, second, records.projectFolder()));
    }

    public RunDiff diff(JobRecord a, JobRecord b) {
        Optional<String> scriptA = a.scriptSha256().flatMap(scripts::get);
        Optional<String> scriptB = b.scriptSha256().flatMap(scripts::get);
        List<CellChange> cells = scriptA.isPresent() && scriptB.isPresent()
                ? cells(cells(scriptA.get()), cells(scriptB.get())) : List.of();
        Optional<String> missing = scriptA.isEmpty() || scriptB.isEmpty()
                ? Optional.of("the script of " + (scriptA.isEmpty() ? a.name() : b.name()) + " was not kept (a job"
                        + " launched before fahr kept scripts), so its notebook cannot be compared")
                : Optional.empty();
        return new RunDiff(a, b, changes(a.hyperparameters(), b.hyperparameters()), changes(a.settings(), b.settings()),
                changes(Map.of("image", a.image(), "digest", a.imageDigest().orElse("")),
                        Map.of("image", b.image(), "digest", b.imageDigest().orElse(""))),
                changes(byArtifact(a.dependencies()), byArtifact(b.dependencies())), cells, missing);
    }

    private static List<Change> changes(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            String from = before.getOrDefault(name, "");
            String to = after.getOrDefault(name, "");
            if (!from.equals(to)) {
                changes.add(new Change(name, from, to));
            }
        }
        return changes;
    }

    /** {@code g:a} to the coordinate, so that a new version is one change; a jar without one by its name. */
    private static Map<String, String> byArtifact(List<String> dependencies) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String dependency : dependencies) {
            Matcher m = COORDINATE.matcher(dependency);
            map.put(m.matches() ? m.group(1) : dependency, dependency);
        }
        return map;
    }

    /** A script's cells by label ({@code cell 4 (id ab12)}), each its lines; a script without markers is one cell. */
    static Map<String, List<String>> cells(String script) {
        Map<String, List<String>> cells = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : script.lines().toList()) {
            Matcher marker = MARKER.matcher(line.strip());
            if (marker.matches()) {
                current = new ArrayList<>();
                cells.put(marker.group(2) != null ? "cell " + marker.group(1) + " (id " + marker.group(2) + ")"
                        : "cell " + marker.group(1), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        if (cells.isEmpty()) {
            cells.put("the script", script.lines().toList());
        }
        cells.values().forEach(lines -> {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
        });
        return cells;
    }

    private static List<CellChange> cells(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, String> byIdA = ids(a);
        Map<String, String> byIdB = ids(b);
        List<CellChange> changes = new ArrayList<>();
        Set<String> seenB = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> cell : a.entrySet()) {
            String partner = partner(cell.getKey(), byIdA, byIdB, b);
            if (partner == null) {
                changes.add(new CellChange(cell.getKey(), "removed", unified(cell.getKey(), cell.getValue(), List.of())));
                continue;
            }
            seenB.add(partner);
            if (!cell.getValue().equals(b.get(partner))) {
                changes.add(new CellChange(partner, "changed", unified(partner, cell.getValue(), b.get(partner))));
            }
        }
        for (Map.Entry<String, List<String>> cell : b.entrySet()) {
            if (!seenB.contains(cell.getKey())) {
                changes.add(new CellChange(cell.getKey(), "added", unified(cell.getKey(), List.of(), cell.getValue())));
            }
        }
        return changes;
    }

    /** The same cell in the other script: by its id when it has one (moved cells keep it), else by its label. */
    private static String partner(String label, Map<String, String> idsA, Map<String, String> idsB,
                                  Map<String, List<String>> b) {
        String id = idsA.get(label);
        if (id != null) {
            return idsB.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
        }
        return b.containsKey(label) ? label : null;
    }

    private static Map<String, String> ids(Map<String, List<String>> cells) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String label : cells.keySet()) {
            int at = label.indexOf("(id ");
            if (at >= 0) {
                ids.put(label, label.substring(at + 4, label.length() - 1));
            }
        }
        return ids;
    }

    private static List<String> unified(String label, List<String> before, List<String> after) {
        Patch<String> patch = DiffUtils.diff(before, after);
        return UnifiedDiffUtils.generateUnifiedDiff("a/" + label, "b/" + label, before, patch, 2);
    }
}
