package dev.fahr.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.workflow.ConfigWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code config [FOLDER]}: the settings a {@code fit} in an experiment folder would use, each with where
 * it came from: the command line, the folder's {@code fahr.properties}, the project's
 * {@code .fahr/settings.properties}, the user's {@code ~/.config/fahr/settings.properties}, or the default.
 */
@Command(name = "config", description = "Show the effective driver settings of an experiment folder and where "
        + "each comes from: command line, the folder's fahr.properties, the project's .fahr/settings.properties, "
        + "the user's ~/.config/fahr/settings.properties, or the default.")
public final class ConfigCommand implements Callable<Integer> {

    public static final List<String> COLUMNS = List.of("setting", "value", "source", "description");

    private final FahrContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER",
            description = "The experiment folder (default: the current folder).")
    Path folder;

    @Option(names = "--train-driver", paramLabel = "DRIVER", description = "Show this driver's settings "
            + "(default: the folder's train_driver, else local).")
    String trainDriver;

    @Option(names = "--train-image", paramLabel = "IMAGE", description = "As fit would be given it.")
    String trainImage;

    @Option(names = "--config", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A driver setting as fit would be given it, written --config.KEY=VALUE.")
    Map<String, String> config = new LinkedHashMap<>();

    @Mixin
    JsonOption json = new JsonOption();

    public ConfigCommand(FahrContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path experiment = folder == null ? context.workingDirectory() : context.resolve(folder.toString());
        ConfigWorkflow.Effective effective = Workflows.config(context).effective(experiment,
                Optional.ofNullable(trainDriver), Optional.ofNullable(trainImage), config);
        if (json.enabled() || context.output().jsonMode()) {
            context.output().json(toJson(experiment, effective.driver(), effective.entries()));
            return 0;
        }
        Table.Builder table = Table.builder(COLUMNS.toArray(String[]::new))
                .caption("settings of the " + effective.driver() + " driver for " + experiment);
        effective.entries().forEach(e -> table.row(e.name(), e.value(), e.source(), e.description()));
        context.output().table(table.build());
        return 0;
    }

    private static String toJson(Path experiment, String driver, List<ConfigWorkflow.Entry> entries) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("folder", experiment.toString());
        root.put("driver", driver);
        ArrayNode settings = root.putArray("settings");
        for (ConfigWorkflow.Entry e : entries) {
            ObjectNode node = settings.addObject();
            node.put("name", e.name());
            node.put("value", e.value());
            node.put("source", e.source());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
