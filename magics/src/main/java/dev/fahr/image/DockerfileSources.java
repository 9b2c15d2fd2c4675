package dev.fahr.image;

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

    DockerfileSources {
        contextSources = List.copyOf(contextSources);
        baseImages = List.copyOf(baseImages);
    }

    static DockerfileSources parse(String dockerfile) {
        List<String> sources = new ArrayList<>();
        List<String> images = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        for (DockerfileInstruction instruction : DockerfileInstruction.parse(dockerfile)) {
            if (instruction.keyword().equals("FROM")) {
                List<String> words = instruction.words();
                if (!words.isEmpty()) {
                    if (!stages.contains(words.get(0).toLowerCase(Locale.ROOT)) && !words.get(0).equals("scratch")) {
                        images.add(words.get(0));
                    }
                    if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
                        stages.add(words.get(2).toLowerCase(Locale.ROOT));
                    }
                }
            } else if ((instruction.keyword().equals("COPY") || instruction.keyword().equals("ADD"))
                    && instruction.flag("from").isEmpty()) {
                List<String> words = instruction.words();
                for (int i = 0; i < words.size() - 1; i++) { // the last word is the destination
                    if (!words.get(i).contains("://")) {
                        sources.add(words.get(i));
                    }
                }
            }
        }
        return new DockerfileSources(sources, images);
    }
}
