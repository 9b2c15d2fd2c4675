package dev.fahr.runner;

/**
 * Hands the class loader of the script's snippets to the runner. Libraries such as DJL find their
 * plug-ins with {@code ServiceLoader} through the thread's context class loader, which must then be the
 * loader that sees the {@code --lib} jars, and JShell's local engine does not set it. JShell creates
 * each snippet's thread from the runner's thread, so setting the runner thread's context loader once
 * gives every snippet the right one. Public only so that a snippet can call it.
 */
public final class SnippetClassLoader {

    private static volatile ClassLoader adopted;

    private SnippetClassLoader() {
    }

    /** Called from a snippet with a class the snippet declared. */
    public static void adopt(Class<?> snippetClass) {
        adopted = snippetClass.getClassLoader();
    }

    /** Makes the snippets' loader the current thread's context class loader, once a snippet adopted it. */
    static void applyToCurrentThread() {
        ClassLoader loader = adopted;
        if (loader != null) {
            Thread.currentThread().setContextClassLoader(loader);
        }
    }

    /** The evaluated statement that adopts the snippets' loader. */
    static String adoptingSnippet() {
        return SnippetClassLoader.class.getName() + ".adopt(new Object() {}.getClass());";
    }
}
