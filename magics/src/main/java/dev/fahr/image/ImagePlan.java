package dev.fahr.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a job's (possibly user-edited) Dockerfile asks for, in the terms a daemonless builder can honour:
 * a base image, files copied from the build context or taken from another image's file system, the
 * environment, working folder, entry point, command, labels, user, ports and volumes. A Dockerfile that
 * asks for more (RUN, ADD, ARG, ...) is refused with the line and the way out, before anything is built.
 *
 * @param base        the image the last stage starts from
 * @param steps       in Dockerfile order: copies and environment changes (an ENV may refer to what came
 *                    before it, in the base image included)
 * @param workingDir  the last WORKDIR, if any
 * @param entrypoint  ENTRYPOINT in exec form (a shell form is wrapped in {@code /bin/sh -c})
 * @param command     CMD, the same way
 */
public record ImagePlan(String base, List<Step> steps, Optional<String> workingDir, Optional<List<String>> entrypoint,
                        Optional<List<String>> command, Map<String, String> labels, Optional<String> user,
                        Set<String> ports, Set<String> volumes) {

    /** What a daemonless build does, in order. */
    public sealed interface Step {
    }

    /**
     * Files into the image.
     *
     * @param sources     context-relative sources (files, folders whose contents are copied, or patterns);
     *                    for a copy from another image, absolute paths in it
     * @param destination absolute; a folder when it ends with '/' (or when there are several sources)
     * @param fromImage   the image whose file system the sources are in, for {@code COPY --from=STAGE}
     */
    public record Copy(int line, List<String> sources, String destination, Optional<String> fromImage)
            implements Step {
        public Copy {
            sources = List.copyOf(sources);
        }

        /** Whether the destination names a folder to copy into. */
        public boolean intoFolder() {
            return destination.endsWith("/") || sources.size() > 1;
        }
    }

    /** An environment variable; {@code value} may refer to others as {@code $NAME} or {@code ${NAME}}. */
    public record Env(int line, String name, String value) implements Step {
    }

    public ImagePlan {
        steps = List.copyOf(steps);
        labels = Map.copyOf(labels);
        ports = Set.copyOf(ports);
        volumes = Set.copyOf(volumes);
    }

    /**
     * @throws ImageSettingException naming the first line a daemonless build cannot do, and what to do instead
     */
    public static ImagePlan of(String dockerfile) {
        List<DockerfileInstruction> instructions = DockerfileInstruction.parse(dockerfile);
        Map<String, String> stages = new LinkedHashMap<>();
        String base = null;
        String currentStage = null;
        boolean stageHasInstructions = false;
        List<Step> steps = new ArrayList<>();
        String workingDir = null;
        List<String> entrypoint = null;
        List<String> command = null;
        Map<String, String> labels = new LinkedHashMap<>();
        String user = null;
        Set<String> ports = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        for (DockerfileInstruction instruction : instructions) {
            switch (instruction.keyword()) {
                case "FROM" -> {
                    if (base != null && stageHasInstructions) {
                        throw refuse(instruction, "starts a stage after one that builds something; a daemonless build"
                                + " takes files only from plain images (FROM image AS name, then COPY --from=name)");
                    }
                    if (base != null) {
                        stages.put(currentStage, base);
                    }
                    List<String> words = instruction.words();
                    if (words.isEmpty()) {
                        throw refuse(instruction, "names no image");
                    }
                    base = resolveStage(words.get(0), stages);
                    currentStage = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")
                            ? words.get(2).toLowerCase(Locale.ROOT) : "#" + stages.size();
                    stageHasInstructions = false;
                }
                case "COPY" -> {
                    stageHasInstructions = true;
                    List<String> words = instruction.words();
                    if (words.size() < 2) {
                        throw refuse(instruction, "needs a source and a destination");
                    }
                    Optional<String> from = instruction.flag("from").map(stage -> stage.toLowerCase(Locale.ROOT));
                    // A stage's name stands for its image; anything else is an image itself, as Docker reads it.
                    Optional<String> fromImage = from.map(stage -> stages.getOrDefault(stage, stage));
                    for (String flag : instruction.flags()) {
                        if (!flag.startsWith("--from=")) {
                            throw refuse(instruction, "uses " + flag + ", which a daemonless build does not apply");
                        }
                    }
                    String destination = absolute(words.get(words.size() - 1), workingDir);
                    steps.add(new Copy(instruction.line(), words.subList(0, words.size() - 1), destination, fromImage));
                }
                case "ENV" -> {
                    stageHasInstructions = true;
                    for (Map.Entry<String, String> pair : EnvArguments.parse(instruction).entrySet()) {
                        steps.add(new Env(instruction.line(), pair.getKey(), pair.getValue()));
                    }
                }
                case "WORKDIR" -> {
                    stageHasInstructions = true;
                    workingDir = absolute(String.join(" ", instruction.words()), workingDir);
                }
                case "ENTRYPOINT" -> {
                    stageHasInstructions = true;
                    entrypoint = execForm(instruction);
                }
                case "CMD" -> {
                    stageHasInstructions = true;
                    command = execForm(instruction);
                }
                case "LABEL" -> {
                    stageHasInstructions = true;
                    labels.putAll(EnvArguments.parse(instruction));
                }
                case "USER" -> {
                    stageHasInstructions = true;
                    user = String.join(" ", instruction.words());
                }
                case "EXPOSE" -> {
                    stageHasInstructions = true;
                    ports.addAll(instruction.words());
                }
                case "VOLUME" -> {
                    stageHasInstructions = true;
                    instruction.words().forEach(volume -> volumes.add(absolute(volume, null)));
                }
                case "MAINTAINER" -> stageHasInstructions = true;
                case "RUN" -> throw refuse(instruction, instruction.arguments().matches("(?s).*\\b(pip3?|conda|apt-get)"
                        + "\\b.*") ? "installs packages, which takes running a command, and that needs a Docker engine"
                        : "runs a command, which needs a Docker engine");
                case "ADD" -> throw refuse(instruction, "uses ADD (it fetches URLs and unpacks archives); use COPY for"
                        + " files of the job folder");
                default -> throw refuse(instruction, "uses " + instruction.keyword() + ", which a daemonless build"
                        + " does not apply");
            }
        }
        if (base == null) {
            throw new ImageSettingException("the Dockerfile has no FROM line");
        }
        return new ImagePlan(base, steps, Optional.ofNullable(workingDir), Optional.ofNullable(entrypoint),
                Optional.ofNullable(command), labels, Optional.ofNullable(user), ports, volumes);
    }

    private static String resolveStage(String image, Map<String, String> stages) {
        return stages.getOrDefault(image.toLowerCase(Locale.ROOT), image);
    }

    private static List<String> execForm(DockerfileInstruction instruction) {
        if (instruction.jsonForm()) {
            return instruction.words();
        }
        return List.of("/bin/sh", "-c", instruction.arguments());
    }

    /** Docker's rule: a relative path is relative to the WORKDIR so far ({@code /} at first). */
    static String absolute(String path, String workingDir) {
        if (path.startsWith("/")) {
            return path;
        }
        String folder = workingDir == null ? "/" : workingDir.endsWith("/") ? workingDir : workingDir + "/";
        return path.equals(".") || path.equals("./") ? folder : folder + (path.startsWith("./") ? path.substring(2) : path);
    }

    private static ImageSettingException refuse(DockerfileInstruction instruction, String why) {
        return new ImageSettingException("the Dockerfile's " + instruction.where() + " " + why + ": build with Docker"
                + " (--builder=docker, where an engine runs), or change that line so that it only copies files");
    }
}
