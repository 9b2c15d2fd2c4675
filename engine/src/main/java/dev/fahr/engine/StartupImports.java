package dev.fahr.engine;

import java.util.List;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The imports a session starts with, evaluated as one snippet. JShell compiles every snippet on its own,
 * so ten imports one by one cost ten compiles, about 60 ms that the first cell of a fresh kernel would
 * wait for. JShell names an import snippet after its first import, so a user's import of that same name
 * overwrites the whole group: it is then evaluated again.
 */
final class StartupImports {

    private final JShell shell;
    private final List<String> imports;
    private final String group;
    /** The group's snippet; null when the imports had to be evaluated one by one. */
    private volatile Snippet snippet;

    /** @param imports whole import statements; the first one names the group, so make it one users rarely write */
    StartupImports(JShell shell, List<String> imports) {
        this.shell = shell;
        this.imports = List.copyOf(imports);
        this.group = String.join(" ", imports);
    }

    /** Whether {@code source} is one of these imports, word for word: evaluating it again changes nothing. */
    boolean contains(String source) {
        return imports.contains(source.strip());
    }

    void evaluate() {
        List<SnippetEvent> events = shell.eval(group);
        if (events.size() == 1 && events.get(0).status() == Snippet.Status.VALID) {
            snippet = events.get(0).snippet();
            return;
        }
        // One import JShell cannot resolve would take the others with it: one by one, the rest still work.
        events.forEach(e -> shell.drop(e.snippet()));
        snippet = null;
        imports.forEach(shell::eval);
    }

    /** Call with the events of every evaluation: evaluates the group again if one of them overwrote it. */
    void restoreIfOverwritten(List<SnippetEvent> events) {
        Snippet current = snippet;
        if (current == null) {
            return;
        }
        for (SnippetEvent event : events) {
            if (event.snippet() == current && event.status() == Snippet.Status.OVERWRITTEN) {
                evaluate();
                return;
            }
        }
    }
}
