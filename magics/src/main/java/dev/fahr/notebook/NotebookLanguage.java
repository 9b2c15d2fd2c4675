package dev.fahr.notebook;

import java.util.Locale;

/** The language of a notebook's kernel, as far as fahr cares. */
public enum NotebookLanguage {
    JAVA,
    PYTHON,
    OTHER;

    /**
     * Classifies a kernel language or kernel name as written in notebook metadata: "java", "Java",
     * "jjava", "ijava", "java-17" are Java; "python", "python3", "ipython3" are Python.
     */
    public static NotebookLanguage fromKernelName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("ijava") || lower.equals("jjava")
                || (lower.startsWith("java") && !lower.startsWith("javascript"))) {
            return JAVA;
        }
        if (lower.startsWith("python") || lower.startsWith("ipython")) {
            return PYTHON;
        }
        return OTHER;
    }
}
