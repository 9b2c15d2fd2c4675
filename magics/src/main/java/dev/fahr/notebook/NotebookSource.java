package dev.fahr.notebook;

/** How {@link NotebookLocator} found the notebook, in the order it tries them. */
public enum NotebookSource {
    /** The user named the file. */
    EXPLICIT_PATH,
    /** jupyter_server 2 told the kernel through the JPY_SESSION_NAME variable. */
    SESSION_NAME_ENV,
    /** A running Jupyter server's /api/sessions listed this kernel's notebook. */
    SERVER_SESSIONS,
    /** No file was found; the cells this kernel executed stand in for the notebook. */
    KERNEL_HISTORY
}
