package dev.fahr.notebook;

import dev.fahr.resolver.MavenCoordinate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the source of one Java kernel cell into plain JShell code: the kernel's magics cannot run
 * outside the kernel, so dependency magics become {@link DependencyDirectives}, {@code %load} is
 * inlined, display-only magics are dropped, and any other magic is refused with a clear message
 * rather than left to fail later inside the container. One instance serves one export.
 */
final class JavaMagicTranslator {

    // "%name args": a '%' directly followed by a letter, so a continued "a\n % b" expression stays code.
    private static final Pattern LINE_MAGIC = Pattern.compile("\\s*%([A-Za-z]\\w*)(?:\\s+(.*?))?\\s*");
    private static final Pattern CELL_MAGIC = Pattern.compile("\\s*%%([A-Za-z]\\w*).*");
    private static final Set<String> DISPLAY_CELL_MAGICS = Set.of("html", "markdown", "md", "latex", "javascript", "js", "svg");
    private static final Set<String> TIMING_MAGICS = Set.of("time", "timeit");
    private static final int MAX_LOAD_DEPTH = 8;

    private final Path notebookFolder;
    private final String origin;
    private final List<MavenCoordinate> coordinates = new ArrayList<>();
    private final List<MavenRepository> repositories = new ArrayList<>();
    private final List<String> jars = new ArrayList<>();
    private final Deque<Path> loading = new ArrayDeque<>();

    JavaMagicTranslator(Path notebookFolder, String origin) {
        this.notebookFolder = notebookFolder;
        this.origin = origin;
    }

    DependencyDirectives directives() {
        return new DependencyDirectives(coordinates, repositories, jars);
    }

    /** The cell's code without magics; blank when nothing is left to run. */
    String translate(String source, int cellNumber) {
        return translate(source, origin + ", cell " + cellNumber);
    }

    private String translate(String source, String where) {
        List<String> lines = new ArrayList<>(source.lines().toList());
        int first = firstNonBlank(lines);
        if (first >= 0) {
            Matcher cellMagic = CELL_MAGIC.matcher(lines.get(first));
            if (cellMagic.matches()) {
                String name = cellMagic.group(1);
                if (DISPLAY_CELL_MAGICS.contains(name)) {
                    return "";
                }
                if (!TIMING_MAGICS.contains(name)) {
                    throw new NotebookException(where + " starts with the cell magic %%" + name + ", which only the"
                            + " notebook kernel can run. Rewrite the cell as plain Java, or tag it fahr:skip to leave"
                            + " it out of the export.");
                }
                lines.remove(first);
            }
        }
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            Matcher magic = LINE_MAGIC.matcher(line);
            String translated = magic.matches() ? lineMagic(magic.group(1), argumentsOf(magic), where) : line;
            if (translated != null) {
                code.append(translated).append('\n');
            }
        }
        return code.toString().strip().isEmpty() ? "" : code.toString().stripTrailing() + "\n";
    }

    /** @return the code the line stands for, or null when it becomes nothing */
    private String lineMagic(String name, String arguments, String where) {
        if (name.startsWith("fahr_") || name.equals("lsmagic")) {
            return null;
        }
        switch (name) {
            case "time", "timeit" -> {
                return arguments.isEmpty() ? null : arguments;
            }
            case "classpath", "jars" -> {
                if (arguments.isEmpty() && name.equals("classpath")) {
                    return null;
                }
                List<String> paths = splitWords(arguments);
                if (paths.isEmpty()) {
                    throw new NotebookException(where + ": %jars needs a path or glob, e.g. %jars lib/*.jar.");
                }
                jars.addAll(paths);
                return null;
            }
            case "maven", "addMavenDependency" -> {
                List<String> texts = splitCoordinates(arguments);
                if (texts.isEmpty()) {
                    throw new NotebookException(where + ": %" + name + " needs a coordinate, e.g. %maven "
                            + "org.apache.commons:commons-math3:3.6.1.");
                }
                for (String text : texts) {
                    try {
                        coordinates.add(MavenCoordinate.parse(text));
                    } catch (IllegalArgumentException e) {
                        throw new NotebookException(where + ": " + e.getMessage(), e);
                    }
                }
                return null;
            }
            case "mavenRepo" -> {
                List<String> words = splitWords(arguments);
                if (words.size() != 2) {
                    throw new NotebookException(where + ": %mavenRepo takes an id and a URL, e.g. %mavenRepo"
                            + " central https://repo.maven.apache.org/maven2/, but got '" + arguments + "'.");
                }
                try {
                    repositories.add(MavenRepository.parse(words.get(0), words.get(1)));
                } catch (NotebookException e) {
                    throw new NotebookException(where + ": " + e.getMessage(), e);
                }
                return null;
            }
            case "load" -> {
                return inline(unquote(arguments), where);
            }
            case "loadFromPOM" -> throw new NotebookException(where + ": %loadFromPOM is not supported by fahr's"
                    + " export. List the dependencies with %maven group:artifact:version instead.");
            default -> throw new NotebookException(where + " uses the magic %" + name + ", which only the notebook"
                    + " kernel can run. Remove it, or tag the cell fahr:skip to leave it out of the export.");
        }
    }

    private String inline(String fileName, String where) {
        if (fileName.isEmpty()) {
            throw new NotebookException(where + ": %load needs a file name, e.g. %load helpers.jsh.");
        }
        Path file = notebookFolder.resolve(fileName).normalize();
        if (!Files.isRegularFile(file)) {
            throw new NotebookException(where + ": %load " + fileName + " names no file (looked for " + file
                    + ", relative to the notebook's folder). Fix the path or put the file there.");
        }
        if (loading.contains(file) || loading.size() >= MAX_LOAD_DEPTH) {
            throw new NotebookException(where + ": %load " + fileName + " loads itself again through " + loading
                    + ". Break the cycle of %load lines.");
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NotebookException(where + ": cannot read " + file + " for %load: " + NotebookWriter.describe(e)
                    + ". Check the file's permissions and encoding (UTF-8).", e);
        }
        loading.push(file);
        try {
            // The kernel evaluates loaded files like cells, magics included, so they are translated too.
            return "// fahr: inlined from %load " + fileName + "\n" + translate(content, fileName).stripTrailing();
        } finally {
            loading.pop();
        }
    }

    private static String argumentsOf(Matcher magic) {
        return magic.group(2) == null ? "" : magic.group(2).strip();
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitWords(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** Splits on whitespace and on commas outside version ranges such as [1.0,2.0). */
    private static List<String> splitCoordinates(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int rangeDepth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[' || c == '(') {
                rangeDepth++;
            } else if (c == ']' || c == ')') {
                rangeDepth = Math.max(0, rangeDepth - 1);
            }
            if (Character.isWhitespace(c) || c == ',' && rangeDepth == 0) {
                if (current.length() > 0) {
                    result.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            result.add(current.toString());
        }
        return result;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
