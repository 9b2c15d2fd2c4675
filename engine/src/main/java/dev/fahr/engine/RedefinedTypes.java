package dev.fahr.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * What happens to variables when a cell redefines their type (a class cell run again after an edit).
 *
 * <p>JShell declares such a variable again, reset to null, because its value belongs to the old class; its
 * own tool says so ("update replaced variable c, reset to null"). Here, in the kernel's JVM, a variable
 * declared with {@code var} is the exception: JShell leaves it unusable ("incompatible types: Counter cannot
 * be converted to Counter", a JShell defect of in-process execution) and every later use of it fails with
 * "cannot find symbol". This declares that one again with its type named, so that it is kept, reset to null,
 * as the others are, and tells the user which variables were reset and why.
 */
final class RedefinedTypes {

    private final JShell shell;

    RedefinedTypes(JShell shell) {
        this.shell = shell;
    }

    /**
     * Looks at the updates a snippet caused, declares again the {@code var} variables JShell left undefined,
     * and says on {@code notices} which variables are now null.
     */
    void keepVariables(List<SnippetEvent> events, PrintStream notices) {
        List<String> reset = new ArrayList<>();
        String type = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null || !(event.snippet() instanceof VarSnippet variable)
                    || variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    || !event.previousStatus().isActive()) {
                continue;
            }
            if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && !declareAgain(variable)) {
                continue;
            }
            if (isNull(variable.name())) {
                reset.add(variable.name());
                type = event.causeSnippet() instanceof DeclarationSnippet declaration ? declaration.name() : type;
            }
        }
        if (!reset.isEmpty()) {
            notices.println((reset.size() == 1 ? reset.get(0) + " is" : String.join(", ", reset) + " are")
                    + " now null: " + (type == null ? "its type" : type) + " was redefined, and a value of the"
                    + " old " + (type == null ? "type" : type) + " cannot be kept. Run the cell that set "
                    + (reset.size() == 1 ? "it" : "them") + " again.");
        }
    }

    /** {@code Counter c;} for {@code var c = new Counter();}: true when JShell took it. */
    private boolean declareAgain(VarSnippet variable) {
        String type = variable.typeName();
        if (!denotable(type)) {
            return false;
        }
        List<SnippetEvent> events = shell.eval(type + " " + variable.name() + ";");
        boolean taken = !events.isEmpty() && events.get(0).causeSnippet() == null
                && events.get(0).status() == Snippet.Status.VALID;
        if (!taken) {
            events.stream().filter(e -> e.causeSnippet() == null).forEach(e -> shell.drop(e.snippet()));
        }
        return taken;
    }

    /** An anonymous class, an intersection or a captured wildcard cannot be written as a declaration's type. */
    private static boolean denotable(String type) {
        return !type.isBlank() && !type.contains("<anonymous") && !type.contains("&") && !type.contains("capture#")
                && !type.contains("<any>");
    }

    private boolean isNull(String name) {
        return shell.variables()
                .filter(v -> v.name().equals(name) && shell.status(v).isActive())
                .reduce((first, later) -> later)
                .map(v -> "null".equals(shell.varValue(v)))
                .orElse(false);
    }
}
