package dev.fahr.magics;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.fahr.command.CommandOutput;
import dev.fahr.command.FahrCommand;
import dev.fahr.command.FahrContext;
import dev.fahr.records.JobRecord;
import dev.fahr.workflow.DriverRegistry;
import dev.fahr.workflow.ProjectLayout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What Tab offers after a {@code %fahr_*} magic's name: the verb's options (from its picocli spec), the
 * values of {@code --train-driver=}, {@code --train-image=} and {@code --build-driver=}, job names for the
 * commands that take one, and the topics of {@code %fahr_help}.
 */
final class MagicCompletion {

    static final List<String> TRAIN_IMAGES = List.of("default-cpu", "default-gpu");
    static final List<String> BUILD_DRIVERS = List.of("local", "local-cpu", "local-gpu", "default-cpu", "default-gpu",
            "docker", "jib");
    static final List<String> BUILDERS = List.of("auto", "docker", "jib");
    /** The commands whose positional argument is a job name. */
    static final Set<String> JOB_VERBS = Set.of("status", "logs", "fetch", "stop");

    private final String verb;
    private final Supplier<DriverRegistry> drivers;
    private final Supplier<Path> workingDirectory;

    MagicCompletion(String verb, Supplier<DriverRegistry> drivers, Supplier<Path> workingDirectory) {
        this.verb = verb;
        this.drivers = drivers;
        this.workingDirectory = workingDirectory;
    }

    /** Candidate replacements for the last word of {@code typed}, the arguments typed so far. */
    List<String> candidates(String typed) {
        int start = typed.length();
        while (start > 0 && !Character.isWhitespace(typed.charAt(start - 1))) {
            start--;
        }
        String word = typed.substring(start);
        String before = typed.substring(0, start).strip();
        String previous = before.substring(before.lastIndexOf(' ') + 1);
        int equals = word.indexOf('=');
        if (word.startsWith("-") && equals > 0) {
            String option = word.substring(0, equals);
            return matching(values(option), word.substring(equals + 1)).stream().map(v -> option + "=" + v).toList();
        }
        if (word.startsWith("-")) {
            return matching(optionNames(), word);
        }
        if (previous.startsWith("--") && !values(previous).isEmpty()) {
            return matching(values(previous), word);
        }
        if (JOB_VERBS.contains(verb)) {
            return matching(jobNames(), word);
        }
        if (verb.equals("help")) {
            return matching(commands().keySet().stream().filter(v -> !v.equals("help")).toList(), word);
        }
        return List.of();
    }

    private static List<String> matching(Iterable<String> candidates, String prefix) {
        Set<String> sorted = new TreeSet<>();
        candidates.forEach(c -> {
            if (c.startsWith(prefix)) {
                sorted.add(c);
            }
        });
        return List.copyOf(sorted);
    }

    private List<String> values(String option) {
        return switch (option) {
            case "--train-driver" -> drivers.get().names();
            case "--train-image" -> TRAIN_IMAGES;
            case "--build-driver" -> BUILD_DRIVERS;
            case "--builder" -> BUILDERS;
            default -> List.of();
        };
    }

    private List<String> optionNames() {
        CommandLine command = commands().get(verb);
        if (command == null) {
            return List.of();
        }
        CommandSpec spec = command.getCommandSpec();
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }

    private List<String> jobNames() {
        try {
            return ProjectLayout.around(workingDirectory.get()).records().all().stream()
                    .map(JobRecord::name).map(n -> n.value()).toList();
        } catch (RuntimeException unreadable) {
            return List.of(); // no records, or none readable: nothing to offer
        }
    }

    /** The verbs' command lines; built only to read their specs, so their context does nothing. */
    private Map<String, CommandLine> commands() {
        FahrContext inert = FahrContext.builder(workingDirectory.get(), discardingOutput(), new DriverRegistry(List.of()))
                .build();
        return FahrCommand.commandLine(inert).getSubcommands();
    }

    private static CommandOutput discardingOutput() {
        return (CommandOutput) Proxy.newProxyInstance(CommandOutput.class.getClassLoader(),
                new Class<?>[] {CommandOutput.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? Boolean.FALSE : null);
    }
}
