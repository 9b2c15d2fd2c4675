package dev.fahr.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fahr.driver.TrainingDriver;
import dev.fahr.image.BaseImage;
import dev.fahr.settings.SettingKey;
import dev.fahr.settings.Settings;
import dev.fahr.workflow.DriverSettings;
import dev.fahr.workflow.InitWorkflow;
import dev.fahr.workflow.ProjectLayout;
import dev.fahr.workflow.SettingsFiles;
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

    /** Workflow-level keys of {@code fahr.properties}, as {@code init} writes them. */
    private static final String DRIVER_KEY = "train_driver";
    private static final String IMAGE_KEY = "train_image";

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

    /** One setting as shown: its name, value (empty when unset), source and description. */
    record Entry(String name, String value, String source, String description) {
    }

    @Override
    public Integer call() {
        Path experiment = folder == null ? context.workingDirectory() : context.resolve(folder.toString());
        ProjectLayout project = ProjectLayout.around(context.workingDirectory());
        SettingsFiles files = new SettingsFiles(experiment, project, context.environment());

        List<Entry> entries = new java.util.ArrayList<>();
        String driverName = Optional.ofNullable(trainDriver).map(d -> d.strip().toLowerCase(Locale.ROOT))
                .or(() -> files.workflowValue(DRIVER_KEY)).orElse(InitWorkflow.DEFAULT_DRIVER);
        entries.add(new Entry(DRIVER_KEY, driverName, workflowSource(files, DRIVER_KEY, trainDriver != null),
                "where jobs run (--train-driver)"));
        String image = Optional.ofNullable(trainImage).or(() -> files.workflowValue(IMAGE_KEY)).orElse(BaseImage.DEFAULT_CPU);
        entries.add(new Entry(IMAGE_KEY, image, workflowSource(files, IMAGE_KEY, trainImage != null),
                "the base image kind or an image reference (--train-image)"));

        TrainingDriver driver = context.drivers().get(driverName);
        Settings settings = DriverSettings.resolve(driver, config, files);
        Map<String, Settings.Value> values = settings.all();
        for (SettingKey key : driver.settingsSchema().keys()) {
            if (key.prefix()) {
                values.forEach((name, value) -> {
                    if (name.startsWith(key.name() + ".")) {
                        entries.add(new Entry(name, String.valueOf(value.value()), sourceLabel(files, value.source()),
                                key.description()));
                    }
                });
            } else {
                Settings.Value value = values.get(key.name());
                entries.add(value == null
                        ? new Entry(key.name(), "", "not set", key.description())
                        : new Entry(key.name(), String.valueOf(value.value()), sourceLabel(files, value.source()),
                                key.description()));
            }
        }

        if (json.enabled() || context.output().jsonMode()) {
            context.output().json(toJson(experiment, driverName, entries));
            return 0;
        }
        Table.Builder table = Table.builder(COLUMNS.toArray(String[]::new))
                .caption("settings of the " + driverName + " driver for " + experiment);
        entries.forEach(e -> table.row(e.name(), e.value(), e.source(), e.description()));
        context.output().table(table.build());
        return 0;
    }

    private static String workflowSource(SettingsFiles files, String key, boolean onCommandLine) {
        if (onCommandLine) {
            return "command line";
        }
        return files.workflowSource(key).map(file -> sourceLabel(files, file.toString())).orElse("default");
    }

    /** "command line", "default", or which file: the experiment folder's, the project's or the user's. */
    static String sourceLabel(SettingsFiles files, String source) {
        List<Path> paths = files.files();
        String[] kinds = {"experiment folder", "project", "user"};
        for (int i = 0; i < paths.size() && i < kinds.length; i++) {
            if (paths.get(i).toString().equals(source)) {
                return kinds[i] + " (" + source + ")";
            }
        }
        return source;
    }

    private static String toJson(Path experiment, String driver, List<Entry> entries) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("folder", experiment.toString());
        root.put("driver", driver);
        ArrayNode settings = root.putArray("settings");
        for (Entry e : entries) {
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
