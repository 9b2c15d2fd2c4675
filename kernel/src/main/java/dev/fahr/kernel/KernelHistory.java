package dev.fahr.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The cells this kernel executed, in the order it executed them. Frontends page through it with
 * history requests; the notebook export reads it when there is no saved notebook to read.
 */
final class KernelHistory implements HistoryManager {

    private static final int SESSION = 1;

    private record Executed(int count, String input, String output) {
    }

    private final List<Executed> cells = new ArrayList<>();

    synchronized void record(int count, String input, String output) {
        cells.add(new Executed(count, input, output == null ? "" : output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int sessionOffset, int startCell, int endCell, Set<ResultFlag> flags) {
        if (sessionOffset != 0 && sessionOffset != SESSION) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (Executed cell : cells) {
            if (cell.count() >= startCell && (endCell <= 0 || cell.count() < endCell)) {
                entries.add(entry(cell, flags));
            }
        }
        return entries;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (Executed cell : cells.subList(Math.max(0, cells.size() - length), cells.size())) {
            entries.add(entry(cell, flags));
        }
        return entries;
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern = globToPattern(glob);
        List<Executed> matches = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = cells.size() - 1; i >= 0 && (length <= 0 || matches.size() < length); i--) {
            Executed cell = cells.get(i);
            if (pattern.matcher(cell.input()).matches()
                    && (!flags.contains(ResultFlag.UNIQUE) || seen.add(cell.input()))) {
                matches.add(0, cell);
            }
        }
        List<HistoryEntry> entries = new ArrayList<>();
        matches.forEach(cell -> entries.add(entry(cell, flags)));
        return entries;
    }

    private static HistoryEntry entry(Executed cell, Set<ResultFlag> flags) {
        String output = flags.contains(ResultFlag.INCLUDE_OUTPUT) ? cell.output() : null;
        return new HistoryEntry(SESSION, cell.count(), cell.input(), output);
    }

    /** Jupyter's history search takes a glob: {@code *} any run, {@code ?} one character. */
    private static Pattern globToPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : (glob == null || glob.isEmpty() ? "*" : glob).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
