package dev.fahr.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Keeps what javac sees of JShell's REPL package to the classes of the snippets later snippets can use.
 *
 * <p>JShell keeps the class file of every snippet it ever compiled (expressions, statements, overwritten and
 * dropped declarations, old versions of recompiled ones), and before each compile javac lists them all and
 * afterwards purges them one by one (jdk.jshell's TaskFactory), so every cell took longer than the one before:
 * 16 ms a small cell at cell 100 and 30 ms at cell 1,000 (bench/kernel-memory.sh). Only the classes of active
 * declarations and imports can be named by a later snippet; the rest are forgotten after each snippet. The
 * classes already loaded keep running: JShell loads snippets from bytes of its own, not from this listing.
 *
 * <p>JShell has no API for it, so this reaches its file manager by reflection, which needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel's and the job's jars declare it in their
 * manifests). Without it, on a JDK whose JShell is built otherwise, or with the system property
 * {@value #KEEP_PROPERTY}{@code =true}, it does nothing and cells run as plain JShell runs them.
 */
final class SnippetClassPruner {

    /** Set to true to keep every class file, as plain JShell does. */
    static final String KEEP_PROPERTY = "fahr.jshell.keepSnippetClasses";

    private static final String SNIPPET_CLASS_PREFIX = "REPL.$JShell$";

    private final JShell shell;
    /** JShell's class files by binary name; null when unreachable. */
    private final Map<String, ?> classFiles;
    private final Method classFullName;

    private SnippetClassPruner(JShell shell, Map<String, ?> classFiles, Method classFullName) {
        this.shell = shell;
        this.classFiles = classFiles;
        this.classFullName = classFullName;
    }

    static SnippetClassPruner of(JShell shell) {
        if (Boolean.getBoolean(KEEP_PROPERTY)) {
            return new SnippetClassPruner(shell, null, null);
        }
        try {
            Field taskFactoryField = JShell.class.getDeclaredField("taskFactory");
            taskFactoryField.setAccessible(true);
            Object taskFactory = taskFactoryField.get(shell);
            Method fileManagerMethod = taskFactory.getClass().getDeclaredMethod("fileManager");
            fileManagerMethod.setAccessible(true);
            Object fileManager = fileManagerMethod.invoke(taskFactory);
            Field classObjects = fileManager.getClass().getDeclaredField("classObjects");
            classObjects.setAccessible(true);
            Method classFullName = Snippet.class.getDeclaredMethod("classFullName");
            classFullName.setAccessible(true);
            if (!(classObjects.get(fileManager) instanceof Map<?, ?> map)) {
                return new SnippetClassPruner(shell, null, null);
            }
            return new SnippetClassPruner(shell, castKeys(map), classFullName);
        } catch (ReflectiveOperationException | RuntimeException notOpen) {
            // InaccessibleObjectException without the add-opens; another JShell's layout otherwise
            return new SnippetClassPruner(shell, null, null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castKeys(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }

    /** Whether it forgets anything (false: plain JShell's behaviour). */
    boolean active() {
        return classFiles != null;
    }

    /** How many class files javac lists in the REPL package now. */
    int classFileCount() {
        return classFiles == null ? -1 : classFiles.size();
    }

    /** Forgets the class files no later snippet can name. Call between snippets, on the thread that evaluates. */
    void prune() {
        if (classFiles == null || classFiles.isEmpty()) {
            return;
        }
        Set<String> live = new HashSet<>();
        try {
            for (Snippet snippet : shell.snippets().toList()) {
                if (canBeNamed(snippet) && shell.status(snippet).isActive()) {
                    live.add((String) classFullName.invoke(snippet));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // keep everything rather than guess
        }
        classFiles.keySet().removeIf(name -> name.startsWith(SNIPPET_CLASS_PREFIX) && !live.contains(outerClass(name)));
    }

    /** Declarations (variables, methods, types) and imports; expressions and statements are never named again. */
    private static boolean canBeNamed(Snippet snippet) {
        return switch (snippet.kind()) {
            case VAR, METHOD, TYPE_DECL, IMPORT -> true;
            default -> false;
        };
    }

    /** {@code REPL.$JShell$12} for {@code REPL.$JShell$12$Point$1}: the snippet's own class. */
    private static String outerClass(String binaryName) {
        int end = binaryName.indexOf('$', SNIPPET_CLASS_PREFIX.length());
        return end < 0 ? binaryName : binaryName.substring(0, end);
    }
}
