package dev.fahr.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.fahr.workflow.InitRequest;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options {@code init} and {@code fit} share, with the original fahr's spellings: {@code
 * --train-driver}, {@code --train-image}, its older {@code --build-driver}, {@code --envfile},
 * {@code --overwrite} and any number of {@code --config.KEY=VALUE}.
 */
public final class TrainOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARTIFACT",
            description = "The notebook (.ipynb), JShell script (.jsh) or Python script (.py) to train. "
                    + "In a notebook, default: this notebook.")
    Path artifact;

    @Option(names = "--train-driver", paramLabel = "DRIVER", description = "Where jobs run: local (default) or sagemaker.")
    String trainDriver;

    @Option(names = "--train-image", paramLabel = "IMAGE",
            description = "default-cpu (default), default-gpu, or any image reference.")
    String trainImage;

    @Option(names = "--build-driver", paramLabel = "NAME", description = "The original fahr's older spelling of the "
            + "image kind: local, local-cpu, default-cpu, local-gpu or default-gpu.")
    String buildDriver;

    @Option(names = "--dir", paramLabel = "FOLDER", description = "The experiment folder (default: the artefact's "
            + "folder; for a notebook in a kernel, models/NAME beside it).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace an edited Dockerfile or run.sh with fresh ones.")
    boolean overwrite;

    @Option(names = "--envfile", paramLabel = "FILE", description = "requirements.txt or environment.yml for a Python "
            + "artefact (default: the one beside it).")
    Path envfile;

    @Option(names = "--from-history", description = "Export the cells this kernel executed, in order, instead of the saved notebook.")
    boolean fromHistory;

    @Option(names = "--config", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A driver setting, written --config.KEY=VALUE (e.g. --config.output_path=s3://bucket/path/).")
    Map<String, String> config = new LinkedHashMap<>();

    InitRequest toRequest() {
        return new InitRequest(Optional.ofNullable(artifact), fromHistory, Optional.ofNullable(dir),
                Optional.ofNullable(trainDriver).map(TrainOptions::driverName), imageKind(), Optional.ofNullable(envfile),
                overwrite, config);
    }

    private static String driverName(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code --build-driver} named the image kind before {@code --train-image} existed; both must agree. */
    private Optional<String> imageKind() {
        Optional<String> fromBuildDriver = Optional.ofNullable(buildDriver).map(b -> switch (b.strip().toLowerCase(Locale.ROOT)) {
            case "local", "local-cpu", "default-cpu" -> "default-cpu";
            case "local-gpu", "default-gpu" -> "default-gpu";
            default -> throw new ConfigArguments.UsageException("--build-driver takes local, local-cpu, default-cpu, "
                    + "local-gpu or default-gpu, not '" + b + "' (or use --train-image=IMAGE)");
        });
        if (trainImage != null && fromBuildDriver.isPresent() && !fromBuildDriver.get().equals(trainImage)) {
            throw new ConfigArguments.UsageException("--train-image=" + trainImage + " and --build-driver=" + buildDriver
                    + " disagree; give one of them");
        }
        return Optional.ofNullable(trainImage).or(() -> fromBuildDriver);
    }
}
