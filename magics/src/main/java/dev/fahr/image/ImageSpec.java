package dev.fahr.image;

import dev.fahr.notebook.NotebookLanguage;

import java.util.Objects;
import java.util.Optional;

/**
 * What the Dockerfile and run.sh are rendered from. Built with {@link #builder()}; every value that
 * lands in the rendered files is checked when the spec is built, so a bad one is refused before any
 * file is written.
 *
 * @param language             JAVA (runs through fahr-runner) or PYTHON
 * @param baseImage            what the image starts from
 * @param scriptFileName       the exported script in the job folder, such as {@code quickstart.jsh}
 * @param notebookName         the notebook it came from, such as {@code quickstart.ipynb}; names the executed copy
 * @param executionEnvironment the driver's name, seen by the job as {@code FAHR_EXECUTION_ENVIRONMENT}
 * @param requirementsFile     Python: the job folder has a {@code requirements.txt} to pip-install
 * @param condaEnvironment     Python: the job folder has an {@code environment.yml} to apply with conda
 * @param inputNotebook        Java: the notebook as the job runs it, beside the script (e.g.
 *                             {@code quickstart.input.ipynb}), which the executed notebook fills in
 */
public record ImageSpec(
        NotebookLanguage language,
        BaseImage baseImage,
        String scriptFileName,
        String notebookName,
        String executionEnvironment,
        boolean requirementsFile,
        boolean condaEnvironment,
        Optional<String> inputNotebook) {

    public ImageSpec {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(baseImage, "baseImage");
        if (language == NotebookLanguage.OTHER) {
            throw new ImageSettingException("fahr builds images for Java and Python notebooks only");
        }
        TemplateValueCheck.fileName("script file name", scriptFileName);
        TemplateValueCheck.fileName("notebook name", notebookName);
        TemplateValueCheck.environmentName(executionEnvironment);
        if (language == NotebookLanguage.JAVA && (requirementsFile || condaEnvironment)) {
            throw new IllegalArgumentException("requirements.txt and environment.yml apply to Python jobs only");
        }
        Objects.requireNonNull(inputNotebook, "inputNotebook");
        inputNotebook.ifPresent(name -> TemplateValueCheck.fileName("input notebook name", name));
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isJava() {
        return language == NotebookLanguage.JAVA;
    }

    /** Assembles a {@link ImageSpec}; the notebook name defaults to the script's file name. */
    public static final class Builder {
        private NotebookLanguage language = NotebookLanguage.JAVA;
        private BaseImage baseImage;
        private String scriptFileName;
        private String notebookName;
        private String executionEnvironment = "local";
        private boolean requirementsFile;
        private boolean condaEnvironment;
        private Optional<String> inputNotebook = Optional.empty();

        private Builder() {
        }

        public Builder language(NotebookLanguage language) {
            this.language = language;
            return this;
        }

        public Builder baseImage(BaseImage baseImage) {
            this.baseImage = baseImage;
            return this;
        }

        /** Resolves a {@code --train-image} value for the language set so far (set the language first). */
        public Builder trainImage(String trainImage) {
            this.baseImage = BaseImage.resolve(trainImage, language);
            return this;
        }

        public Builder scriptFileName(String scriptFileName) {
            this.scriptFileName = scriptFileName;
            return this;
        }

        public Builder notebookName(String notebookName) {
            this.notebookName = notebookName;
            return this;
        }

        public Builder executionEnvironment(String executionEnvironment) {
            this.executionEnvironment = executionEnvironment;
            return this;
        }

        public Builder requirementsFile(boolean requirementsFile) {
            this.requirementsFile = requirementsFile;
            return this;
        }

        public Builder condaEnvironment(boolean condaEnvironment) {
            this.condaEnvironment = condaEnvironment;
            return this;
        }

        public Builder inputNotebook(Optional<String> inputNotebook) {
            this.inputNotebook = inputNotebook;
            return this;
        }

        public ImageSpec build() {
            BaseImage base = baseImage != null ? baseImage : BaseImage.resolve(BaseImage.DEFAULT_CPU, language);
            return new ImageSpec(language, base, scriptFileName,
                    notebookName != null ? notebookName : scriptFileName,
                    executionEnvironment, requirementsFile, condaEnvironment, inputNotebook);
        }
    }
}
