package dev.fahr.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a (possibly user-edited) Dockerfile takes from its build context and which images it starts
 * from: enough to send only the needed files, and to name a missing base image. Reads COPY and ADD
 * in shell and JSON form, with flags; {@code COPY --from} and URL sources take nothing from the context.
 *
 * @param contextSources the COPY/ADD source patterns, context-relative
 * @param baseImages     the FROM images that are not earlier stages
 */
record DockerfileSources(List<String> contextSources, List<String> baseImages) {

    private static final ObjectMapper JSON = new ObjectMapper();

    DockerfileSources {
        contextSources = List.copyOf(contextSources);
        baseImages = List.copyOf(baseImages);
    }

    static DockerfileSources parse(String dockerfile) {
        List<String> sources = new ArrayList<>();
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (String instruction : instructions(dockerfile)) {
            String[] split = instruction.split("\\s+", 2);
            String keyword = split[0].toUpperCase(Locale.ROOT);
            String arguments = split.length > 1 ? split[1].strip() : "";
            if (keyword.equals("FROM")) {
                List<String> words = withoutFlags(List.of(arguments.split("\\s+")));
                if (!words.isEmpty()) {
                    if (!stages.contains(words.get(0).toLowerCase(Locale.ROOT)) && !words.get(0).equals("scratch")) {
                        images.add(words.get(0));
                    }
                    if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
                        stages.add(words.get(2).toLowerCase(Locale.ROOT));
                    }
                }
            } else if ((keyword.equals("COPY") || keyword.equals("ADD")) && !arguments.contains("--from=")) {
                List<String> words = withoutFlags(words(arguments));
                for (int i = 0; i < words.size() - 1; i++) { // the last word is the destination
                    if (!words.get(i).contains("://")) {
                        sources.add(words.get(i));
                    }
                }
            }
        }
        return new DockerfileSources(sources, images);
    }

    /** Logical lines: comments dropped, backslash continuations joined. */
    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            if (current.length() > 0) {
                instructions.add(current.toString().strip());
            }
            current.setLength(0);
        }
        if (current.length() > 0) {
            instructions.add(current.toString().strip());
        }
        return instructions;
    }

    private static List<String> words(String arguments) {
        String withoutFlags = arguments;
        // Flags come before a JSON array: "COPY --chown=1:1 ["a", "b"]".
        while (withoutFlags.startsWith("--")) {
            int space = withoutFlags.indexOf(' ');
            withoutFlags = space < 0 ? "" : withoutFlags.substring(space + 1).strip();
        }
        if (withoutFlags.startsWith("[")) {
            try {
                return List.of(JSON.readValue(withoutFlags, String[].class));
            } catch (JsonProcessingException notJson) {
                // Docker then reads it in shell form too.
            }
        }
        return List.of(withoutFlags.split("\\s+"));
    }

    private static List<String> withoutFlags(List<String> words) {
        return words.stream().filter(word -> !word.startsWith("--") && !word.isEmpty()).toList();
    }
}
