package dev.fahr.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One instruction of a Dockerfile as Docker reads it: comments dropped, backslash continuations joined,
 * with the line it starts on, so that a message can point at it. The one reader of Dockerfiles: what the
 * build context takes ({@link DockerfileSources}) and what Jib builds ({@link ImagePlan}) both use it.
 *
 * @param line      the 1-based line the instruction starts on
 * @param keyword   upper case, e.g. {@code COPY}
 * @param arguments the rest, as written (continuations joined by a space)
 */
public record DockerfileInstruction(int line, String keyword, String arguments) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<DockerfileInstruction> parse(String dockerfile) {
        List<DockerfileInstruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 0;
        String[] lines = dockerfile.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (current.length() == 0) {
                start = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            add(instructions, start, current.toString());
            current.setLength(0);
        }
        add(instructions, start, current.toString());
        return instructions;
    }

    private static void add(List<DockerfileInstruction> instructions, int line, String text) {
        String instruction = text.strip();
        if (instruction.isEmpty()) {
            return;
        }
        String[] split = instruction.split("\\s+", 2);
        instructions.add(new DockerfileInstruction(line, split[0].toUpperCase(Locale.ROOT),
                split.length > 1 ? split[1].strip() : ""));
    }

    /** The {@code --name=value} flags before the arguments, e.g. {@code --from=jdk}. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        String rest = arguments;
        while (rest.startsWith("--")) {
            int space = rest.indexOf(' ');
            flags.add(space < 0 ? rest : rest.substring(0, space));
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        return flags;
    }

    /** The value of flag {@code --name=value}, if given. */
    public Optional<String> flag(String name) {
        String prefix = "--" + name + "=";
        return flags().stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst();
    }

    /** The arguments after the flags: a JSON array's strings, else the words split on white space. */
    public List<String> words() {
        String rest = arguments;
        for (String flag : flags()) {
            rest = rest.substring(flag.length()).strip();
        }
        if (rest.startsWith("[")) {
            try {
                return List.of(JSON.readValue(rest, String[].class));
            } catch (JsonProcessingException notJson) {
                // Docker then reads it in shell form too.
            }
        }
        return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
    }

    /** Whether the arguments are in JSON (exec) form, as {@code ENTRYPOINT ["run.sh"]}. */
    public boolean jsonForm() {
        String rest = arguments;
        for (String flag : flags()) {
            rest = rest.substring(flag.length()).strip();
        }
        if (!rest.startsWith("[")) {
            return false;
        }
        try {
            JSON.readValue(rest, String[].class);
            return true;
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    /** "line 12 (RUN pip install ...)", for messages. */
    public String where() {
        String text = keyword + (arguments.isEmpty() ? "" : " " + arguments);
        return "line " + line + " (" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + ")";
    }
}
