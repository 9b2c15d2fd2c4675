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

    @Option(names = "--build-driver", paramLabel = "NAME", description = "The original fahr's spelling: the image "
            + "kind built on the local Docker engine (local, local-cpu, local-gpu), the image kind alone (default-cpu,"
            + " default-gpu), or the builder (docker, jib).")
    String buildDriver;

    @Option(names = "--builder", paramLabel = "BUILDER", description = "How the image is built: auto (default: the "
            + "Docker engine when one answers, else Jib for a remote driver), docker, or jib (no engine needed).")
    String builder;

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
                Optional.ofNullable(trainDriver).map(TrainOptions::driverName), imageKind(), builderChoice(),
                Optional.ofNullable(envfile), overwrite, config);
    }

    private static String driverName(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private String buildDriverValue() {
        return buildDriver == null ? "" : buildDriver.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code --build-driver} named the image kind before {@code --train-image} existed; both must agree. It may
     * also name the builder alone ({@code docker}, {@code jib}).
     */
    private Optional<String> imageKind() {
        Optional<String> fromBuildDriver = Optional.ofNullable(buildDriver).flatMap(b -> switch (buildDriverValue()) {
            case "local", "local-cpu", "default-cpu" -> Optional.of("default-cpu");
            case "local-gpu", "default-gpu" -> Optional.of("default-gpu");
            case "docker", "jib" -> Optional.empty();
            default -> throw new ConfigArguments.UsageException("--build-driver takes local, local-cpu, default-cpu, "
                    + "local-gpu, default-gpu, docker or jib, not '" + b + "' (or use --train-image=IMAGE, --builder=NAME)");
        });
        if (trainImage != null && fromBuildDriver.isPresent() && !fromBuildDriver.get().equals(trainImage)) {
            throw new ConfigArguments.UsageException("--train-image=" + trainImage + " and --build-driver=" + buildDriver
                    + " disagree; give one of them");
        }
        return Optional.ofNullable(trainImage).or(() -> fromBuildDriver);
    }

    /**
     * {@code --builder}; the seed's {@code --build-driver=local...} means the local Docker engine, and
     * {@code --build-driver=docker|jib} names the builder. Given both ways, they must agree.
     */
    private Optional<String> builderChoice() {
        Optional<String> fromBuildDriver = switch (buildDriverValue()) {
            case "local", "local-cpu", "local-gpu", "docker" -> Optional.of("docker");
            case "jib" -> Optional.of("jib");
            default -> Optional.empty();
        };
        Optional<String> chosen = Optional.ofNullable(builder).map(b -> b.strip().toLowerCase(Locale.ROOT));
        if (chosen.isPresent() && fromBuildDriver.isPresent() && !chosen.equals(fromBuildDriver)) {
            throw new ConfigArguments.UsageException("--builder=" + builder + " and --build-driver=" + buildDriver
                    + " disagree; give one of them");
        }
        return chosen.or(() -> fromBuildDriver);
    }
}
