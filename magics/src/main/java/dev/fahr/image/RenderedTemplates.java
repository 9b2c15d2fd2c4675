package dev.fahr.image;

import java.util.Objects;

/**
 * The two files fahr writes into a job folder for the user to read and edit.
 *
 * @param dockerfile the Dockerfile text
 * @param runScript  the run.sh text, the image's entry point
 */
public record RenderedTemplates(String dockerfile, String runScript) {

    public static final String DOCKERFILE = "Dockerfile";
    public static final String RUN_SCRIPT = "run.sh";

    public RenderedTemplates {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(runScript, "runScript");
    }
}
