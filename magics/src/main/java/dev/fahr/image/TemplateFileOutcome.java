package dev.fahr.image;

/** What happened to one template file (Dockerfile, run.sh) when fahr wrote a job folder. */
public enum TemplateFileOutcome {
    /** It did not exist and was written. */
    CREATED,
    /** fahr had written it and nobody edited it since, so the new rendering replaced it. */
    UPDATED,
    /** It already held exactly the new rendering. */
    UNCHANGED,
    /** The user edited it, and fahr left it alone (overwrite was not requested). */
    KEPT_USER_EDITS,
    /** The user edited it, and overwrite was requested, so the edits were replaced. */
    OVERWROTE_USER_EDITS
}
