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

import dev.fahr.engine.CellParser;
import dev.fahr.engine.CellPart;

/**
 * Turns the source of one Java kernel cell into plain JShell code: the kernel's magics cannot run
 * outside the kernel, so dependency magics become {@link DependencyDirectives}, {@code %load} is
 * inlined, display-only magics are dropped, and any other magic is refused with a clear message
 * rather than left to fail later inside the container. A magic is what the kernel's own
 * {@link CellParser} calls one, so the notebook and its export never disagree. A magic line that
 * becomes nothing is kept as a comment, so that the cell's lines keep their numbers in the job's errors.
 * One instance serves one export.
 */
final class JavaMagicTranslator {

    private static final Set<String> DISPLAY_CELL_MAGICS = Set.of("html", "markdown", "md", "latex", "javascript", "js", "svg");
    private static final Set<String> TIMING_MAGICS = Set.of("time", "timeit");
    private static final int MAX_LOAD_DEPTH = 8;

    private final CellParser parser = new CellParser();
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

    /** The cell's code, magics turned into comments or inlined code; blank when no code is left to run. */
    String translate(String source, int cellNumber) {
        return translate(source, origin + ", cell " + cellNumber);
    }

    private String translate(String source, String where) {
        List<CellPart> parts;
        try {
            parts = parser.parse(source);
        } catch (IllegalArgumentException e) {
            throw new NotebookException(where + ": " + e.getMessage() + ". Close the quote in the magic's arguments.", e);
        }
        List<String> sourceLines = source.lines().toList();
        StringBuilder code = new StringBuilder();
        boolean anyCode = false;
        int line = 1;
        for (CellPart part : parts) {
            if (part instanceof CellPart.CellMagic magic) {
                if (DISPLAY_CELL_MAGICS.contains(magic.name())) {
                    return "";
                }
                if (!TIMING_MAGICS.contains(magic.name())) {
                    throw new NotebookException(where + " starts with the cell magic %%" + magic.name() + ", which only"
                            + " the notebook kernel can run. Rewrite the cell as plain Java, or tag it fahr:skip to leave"
                            + " it out of the export.");
                }
                int magicLine = firstNonBlankLine(source);
                line = pad(code, line, magicLine);
                code.append("// ").append(sourceLines.get(magicLine - 1).strip()).append('\n');
                line++;
                anyCode |= !magic.body().isBlank();
                code.append(magic.body());
                break;
            }
            if (part instanceof CellPart.LineMagic magic) {
                line = pad(code, line, magic.line());
                String translated = lineMagic(magic, where);
                if (translated == null) {
                    code.append("// ").append(sourceLines.get(magic.line() - 1).strip()).append('\n');
                    line++;
                } else {
                    anyCode = true;
                    code.append(translated).append('\n');
                    line += (int) translated.lines().count();
                }
            } else {
                CellPart.Code text = (CellPart.Code) part;
                line = pad(code, line, text.firstLine());
                code.append(text.source()).append('\n');
                line += (int) text.source().lines().count();
                anyCode = true;
            }
        }
        return anyCode ? code.toString().stripTrailing() + "\n" : "";
    }

    /** Blank lines up to {@code target}, so that what follows keeps the line number it has in the cell. */
    private static int pad(StringBuilder code, int line, int target) {
        for (; line < target; line++) {
            code.append('\n');
        }
        return line;
    }

    /** @return the code the line stands for, or null when it becomes nothing */
    private String lineMagic(CellPart.LineMagic magic, String where) {
        String name = magic.name();
        String arguments = magic.rawArgs();
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
                List<String> paths = magic.args();
                if (paths.isEmpty()) {
                    throw new NotebookException(where + ": %jars needs a path or glob, e.g. %jars lib/*.jar.");
                }
                jars.addAll(paths);
                return null;
            }
            case "maven", "addMavenDependency" -> {
                List<MavenCoordinate> parsed;
                try {
                    parsed = MavenCoordinate.parseList(String.join(" ", magic.args()));
                } catch (IllegalArgumentException e) {
                    throw new NotebookException(where + ": " + e.getMessage(), e);
                }
                if (parsed.isEmpty()) {
                    throw new NotebookException(where + ": %" + name + " needs a coordinate, e.g. %maven "
                            + "org.apache.commons:commons-math3:3.6.1.");
                }
                coordinates.addAll(parsed);
                return null;
            }
            case "mavenRepo" -> {
                List<String> words = magic.args();
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
                return inline(magic.args().isEmpty() ? "" : magic.args().get(0), where);
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

    private static int firstNonBlankLine(String source) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i + 1;
            }
        }
        return 1;
    }
}
