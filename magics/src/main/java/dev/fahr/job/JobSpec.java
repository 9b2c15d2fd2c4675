package dev.fahr.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.fahr.settings.Settings;

/**
 * Everything a driver needs to run one training job. One model for every driver: what differs between
 * drivers lives in {@link #settings()}, typed and validated by that driver's schema.
 */
public record JobSpec(
        JobName name,
        String driver,
        ImageRef image,
        boolean gpu,
        Hyperparameters hyperparameters,
        List<InputChannel> inputs,
        Map<String, String> environment,
        Settings settings,
        Path jobFolder,
        Optional<String> grid) {

    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(jobFolder, "jobFolder");
        hyperparameters = hyperparameters == null ? Hyperparameters.NONE : hyperparameters;
        inputs = List.copyOf(inputs);
        environment = Map.copyOf(environment);
        grid = grid == null ? Optional.empty() : grid;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link JobSpec}. */
    public static final class Builder {
        private JobName name;
        private String driver;
        private ImageRef image;
        private boolean gpu;
        private Hyperparameters hyperparameters = Hyperparameters.NONE;
        private final List<InputChannel> inputs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Settings settings;
        private Path jobFolder;
        private String grid;

        public Builder name(JobName value) {
            this.name = value;
            return this;
        }

        public Builder driver(String value) {
            this.driver = value;
            return this;
        }

        public Builder image(ImageRef value) {
            this.image = value;
            return this;
        }

        public Builder gpu(boolean value) {
            this.gpu = value;
            return this;
        }

        public Builder hyperparameters(Hyperparameters value) {
            this.hyperparameters = value;
            return this;
        }

        public Builder input(InputChannel value) {
            this.inputs.add(value);
            return this;
        }

        public Builder environment(String key, String value) {
            this.environment.put(key, value);
            return this;
        }

        public Builder settings(Settings value) {
            this.settings = value;
            return this;
        }

        public Builder jobFolder(Path value) {
            this.jobFolder = value;
            return this;
        }

        public Builder grid(String value) {
            this.grid = value;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(name, driver, image, gpu, hyperparameters, inputs, environment, settings,
                    jobFolder, Optional.ofNullable(grid));
        }
    }
}
