package dev.fahr.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.fahr.engine.CellEngine;
import dev.fahr.kernel.magic.BuiltinMagics;
import dev.fahr.kernel.magic.KernelMagicsRegistry;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * Completion, inspection and the is-complete check, from JShell's source analysis. Magic lines are
 * blanked out (keeping every offset) before Java is analysed, and are completed from the magic registry.
 */
final class EditorSupport {

    private final Supplier<CellEngine> session;
    private final MagicsRegistry magics;

    EditorSupport(Supplier<CellEngine> session, MagicsRegistry magics) {
        this.session = session;
        this.magics = magics;
    }

    ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String linePrefix = code.substring(lineStart, at);
        String trimmed = linePrefix.stripLeading();
        if (trimmed.startsWith("%")) {
            return completeMagicName(trimmed, at);
        }
        String masked = maskMagics(code);
        Region region = locate(masked, at);
        int[] anchor = new int[1];
        SourceCodeAnalysis analysis = session.get().analysis();
        List<Suggestion> suggestions = analysis.completionSuggestions(region.text(masked), at - region.start(), anchor);
        Set<String> matching = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (Suggestion s : suggestions) {
            (s.matchesType() ? matching : others).add(s.continuation());
        }
        List<String> replacements = new ArrayList<>(matching);
        others.stream().filter(o -> !matching.contains(o)).forEach(replacements::add);
        return new ReplacementOptions(replacements, region.start() + anchor[0], at);
    }

    private ReplacementOptions completeMagicName(String trimmedPrefix, int at) {
        if (trimmedPrefix.chars().anyMatch(Character::isWhitespace)) {
            return completeMagicArguments(trimmedPrefix, at);
        }
        boolean cellMagic = trimmedPrefix.startsWith("%%");
        String typed = trimmedPrefix.substring(cellMagic ? 2 : 1);
        Set<String> names = cellMagic ? magics.getCellMagicNames() : magics.getLineMagicNames();
        String marker = cellMagic ? "%%" : "%";
        List<String> options = names.stream()
                .filter(n -> n.startsWith(typed))
                .filter(n -> !BuiltinMagics.isHelpSpelling(n))
                .sorted()
                .map(n -> marker + n)
                .collect(Collectors.toList());
        return new ReplacementOptions(options, at - trimmedPrefix.length(), at);
    }

    /**
     * Completes the arguments of a line magic. The convention, JDK types only so that a magic needs no
     * compile-time link to this kernel: a registered {@code LineMagic} object that also implements
     * {@code java.util.function.Function<String, java.util.List<String>>} completes its own arguments. It
     * is given the argument text typed so far (everything after the magic's name and the blank that
     * follows it, up to the cursor) and returns candidate replacements for the last word of that text
     * (the characters after its last blank; all of the text if it has none, nothing if it ends with a
     * blank). A magic that fails or returns {@code null} offers nothing.
     */
    @SuppressWarnings("unchecked")
    private ReplacementOptions completeMagicArguments(String trimmedPrefix, int at) {
        ReplacementOptions none = new ReplacementOptions(List.of(), at, at);
        if (trimmedPrefix.startsWith("%%") || !(magics instanceof KernelMagicsRegistry registry)) {
            return none;
        }
        int nameEnd = 1;
        while (nameEnd < trimmedPrefix.length() && !Character.isWhitespace(trimmedPrefix.charAt(nameEnd))) {
            nameEnd++;
        }
        Object magic = registry.lineMagic(trimmedPrefix.substring(1, nameEnd)).orElse(null);
        if (!(magic instanceof Function<?, ?> completer)) {
            return none;
        }
        String arguments = trimmedPrefix.substring(nameEnd + 1);
        int wordStart = arguments.length();
        while (wordStart > 0 && !Character.isWhitespace(arguments.charAt(wordStart - 1))) {
            wordStart--;
        }
        List<String> candidates;
        try {
            candidates = ((Function<String, List<String>>) completer).apply(arguments);
        } catch (RuntimeException e) {
            return none;
        }
        if (candidates == null) {
            return none;
        }
        return new ReplacementOptions(List.copyOf(candidates), at - (arguments.length() - wordStart), at);
    }

    DisplayData inspect(String code, int at) {
        String masked = maskMagics(code);
        Region region = locate(masked, at);
        List<Documentation> docs = documentation(region.text(masked), Math.max(0, at - region.start()));
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation doc : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(doc.signature());
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append("\n").append(doc.javadoc().strip());
            }
        }
        return new DisplayData(text.toString());
    }

    /**
     * JShell documents a method only with the cursor inside its argument list, while frontends ask with
     * the cursor on the name; so the name is also tried as if its call had just been opened.
     */
    private List<Documentation> documentation(String code, int cursor) {
        SourceCodeAnalysis analysis = session.get().analysis();
        List<Documentation> docs = analysis.documentation(code, cursor, true);
        if (!docs.isEmpty()) {
            return docs;
        }
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        if (end < code.length() && code.charAt(end) == '(') {
            return analysis.documentation(code, end + 1, true);
        }
        return analysis.documentation(code.substring(0, end) + "(", end + 1, true);
    }

    String isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return BaseKernel.IS_COMPLETE_YES;
        }
        SourceCodeAnalysis analysis = session.get().analysis();
        String remaining = maskMagics(code);
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            switch (completeness) {
                case EMPTY:
                    return BaseKernel.IS_COMPLETE_YES;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return nextIndent(code);
                case UNKNOWN:
                    return BaseKernel.IS_COMPLETE_BAD;
                default:
                    remaining = info.remaining();
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private static String nextIndent(String code) {
        String lastLine = code.substring(code.lastIndexOf('\n') + 1);
        String indent = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        return lastLine.stripTrailing().endsWith("{") ? indent + "    " : indent;
    }

    /** The snippet around {@code at}: JShell analyses one snippet at a time. */
    private Region locate(String code, int at) {
        SourceCodeAnalysis analysis = session.get().analysis();
        int offset = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            int consumed = remaining.length() - info.remaining().length();
            if (!info.completeness().isComplete() || offset + consumed >= at || consumed == 0) {
                return new Region(offset, code.length());
            }
            offset += consumed;
            remaining = info.remaining();
        }
        return new Region(offset, code.length());
    }

    /** Replaces magic lines by spaces, so that Java analysis sees only Java and offsets stay true. */
    static String maskMagics(String code) {
        String[] lines = code.split("\n", -1);
        StringBuilder masked = new StringBuilder(code.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                masked.append('\n');
            }
            masked.append(lines[i].stripLeading().startsWith("%") ? " ".repeat(lines[i].length()) : lines[i]);
        }
        return masked.toString();
    }

    private record Region(int start, int end) {
        String text(String code) {
            return code.substring(start, end);
        }
    }
}
