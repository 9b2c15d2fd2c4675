package dev.fahr.image;

/**
 * Renders a job's Dockerfile and run.sh. Layers go from the least to the most often changed (base,
 * dependency jars, runner, run.sh, script), so that editing the notebook rebuilds only the small
 * last layer. Code goes under {@code /opt/fahr}: SageMaker reserves {@code /opt/ml}. The entry point
 * is exec-form and run.sh {@code exec}s the trainer, so that SageMaker's SIGTERM reaches it.
 */
public final class DockerfileTemplate {

    /** Where the image keeps fahr's files. */
    static final String HOME = "/opt/fahr";

    public RenderedTemplates render(ImageSpec spec) {
        return new RenderedTemplates(dockerfile(spec), runScript(spec));
    }

    private String dockerfile(ImageSpec spec) {
        BaseImage base = spec.baseImage();
        StringBuilder out = new StringBuilder();
        out.append("# Training image for ").append(spec.notebookName()).append(", written by fahr.\n")
                .append("# You may edit this file: fahr keeps your edits unless you ask it to overwrite them.\n")
                .append("# Layers go from rarely to often changed, so a code change rebuilds only the last one.\n");
        if (base.jdkImage().isPresent()) {
            out.append("\n# The JDK comes from its own image; the CUDA runtime image below has none.\n")
                    .append("FROM ").append(base.jdkImage().get()).append(" AS jdk\n");
        }
        out.append("\nFROM ").append(base.image()).append('\n');
        if (base.jdkImage().isPresent()) {
            out.append("COPY --from=jdk /opt/java/openjdk /opt/java/openjdk\n")
                    .append("ENV JAVA_HOME=/opt/java/openjdk \\\n")
                    .append("    PATH=/opt/java/openjdk/bin:$PATH\n");
        }
        if (base.gpu()) {
            out.append("# Lets the NVIDIA container runtime expose every GPU, for computation.\n")
                    .append("ENV NVIDIA_VISIBLE_DEVICES=all \\\n")
                    .append("    NVIDIA_DRIVER_CAPABILITIES=compute,utility\n");
        }
        out.append("# Tells the notebook code it runs as a job (dev.fahr.runtime.Fahr reads it).\n")
                .append("ENV FAHR_EXECUTION_ENVIRONMENT=").append(spec.executionEnvironment()).append('\n');
        if (spec.isJava()) {
            out.append("\n# Dependency jars from the notebook's %maven and %jars lines.\n")
                    .append("COPY lib/ ").append(HOME).append("/lib/\n")
                    .append("# Runs the exported notebook cell by cell (JDK only, so this layer stays cached).\n")
                    .append("COPY fahr-runner.jar ").append(HOME).append("/\n");
        } else {
            out.append("ENV PYTHONUNBUFFERED=1\n");
            if (spec.requirementsFile()) {
                out.append("\n# Python packages; this layer is rebuilt only when requirements.txt changes.\n")
                        .append("COPY requirements.txt ").append(HOME).append("/requirements.txt\n")
                        .append("RUN pip install --no-cache-dir -r ").append(HOME).append("/requirements.txt\n");
            }
            if (spec.condaEnvironment()) {
                out.append("\n# Conda packages into the base environment, which runs the script.\n")
                        .append("# The base image must have conda (default-gpu's pytorch image has; python:*-slim has not).\n")
                        .append("COPY environment.yml ").append(HOME).append("/environment.yml\n")
                        .append("RUN conda env update -n base -f ").append(HOME).append("/environment.yml")
                        .append(" && conda clean -afy\n");
            }
        }
        out.append("COPY run.sh ").append(HOME).append("/run.sh\n")
                .append("\nWORKDIR ").append(HOME).append("/job\n")
                .append("# The exported notebook: it changes with every edit, so it is the last layer.\n")
                // JSON form: a file name with spaces stays one argument.
                .append("COPY [\"").append(spec.scriptFileName())
                .append(spec.inputNotebook().map(name -> "\", \"" + name).orElse(""))
                .append("\", \"").append(HOME).append("/job/\"]\n")
                .append("\n# SageMaker runs the image as `docker run IMAGE train`.\n")
                .append("ENTRYPOINT [\"").append(HOME).append("/run.sh\"]\n");
        return out.toString();
    }

    private String runScript(ImageSpec spec) {
        String script = HOME + "/job/" + spec.scriptFileName();
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n")
                .append("# Entry point of the training image for ").append(spec.notebookName())
                .append(", written by fahr. You may edit it.\n")
                .append("set -e\n\n")
                .append("# SageMaker starts a training image as `docker run IMAGE train`; that is the only command.\n")
                .append("if [ \"$#\" -lt 1 ] || [ \"$1\" != train ]; then\n")
                .append("  echo \"usage: run.sh train\" >&2\n")
                .append("  exit 2\n")
                .append("fi\n\n")
                .append("# exec: the trainer replaces this shell, so a stop signal (SIGTERM) reaches it.\n");
        if (spec.isJava()) {
            out.append("# FAHR_JAVA_OPTS is split on spaces on purpose (e.g. \"-Xmx8g -XX:+UseG1GC\"); set -f stops globbing.\n")
                    .append("set -f\n")
                    .append("exec java $FAHR_JAVA_OPTS -jar ").append(HOME).append("/fahr-runner.jar train \\\n")
                    .append("  --script '").append(script).append("' \\\n")
                    .append("  --lib ").append(HOME).append("/lib \\\n")
                    .append("  --notebook-name '").append(spec.notebookName()).append("'")
                    .append(spec.inputNotebook().map(name -> " \\\n  --notebook '" + HOME + "/job/" + name + "'").orElse(""))
                    .append('\n');
        } else {
            out.append("exec python -u '").append(script).append("'\n");
        }
        return out.toString();
    }
}
