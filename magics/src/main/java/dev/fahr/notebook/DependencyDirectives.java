package dev.fahr.notebook;

import java.util.ArrayList;
import java.util.List;

import dev.fahr.resolver.MavenCoordinate;

/**
 * What a notebook's {@code %maven}, {@code %mavenRepo}, {@code %jars} and {@code %classpath} lines
 * asked for, each list in notebook order. Jar entries are paths or globs as written.
 *
 * <p>The one owner of the script form, JBang's convention plus local jars: {@code //DEPS g:a:v},
 * {@code //REPOS id=url} and {@code //JARS path}. The export writes these lines and {@code fahr init
 * script.jsh} reads them back, so a script carries all its dependencies either way.
 */
public record DependencyDirectives(List<MavenCoordinate> coordinates, List<MavenRepository> repositories, List<String> jars) {

    private static final String DEPS = "//DEPS ";
    private static final String REPOS = "//REPOS ";
    private static final String JARS = "//JARS ";

    public DependencyDirectives {
        coordinates = List.copyOf(coordinates);
        repositories = List.copyOf(repositories);
        jars = List.copyOf(jars);
    }

    public static DependencyDirectives none() {
        return new DependencyDirectives(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return coordinates.isEmpty() && repositories.isEmpty() && jars.isEmpty();
    }

    /** The directive lines of a script, in this order: dependencies, repositories, jars. */
    public List<String> scriptLines() {
        List<String> lines = new ArrayList<>();
        coordinates.forEach(coordinate -> lines.add(DEPS + coordinate));
        repositories.forEach(repository -> lines.add(REPOS + repository.id() + "=" + repository.url()));
        jars.forEach(jar -> lines.add(JARS + jar));
        return lines;
    }

    /**
     * Reads the directive lines of a script. {@code //REPOS} takes {@code id=url} or a bare URL (named after
     * its host, as JBang does), several per line separated by commas or spaces; {@code //JARS} takes paths.
     *
     * @param where names the script in messages
     * @throws NotebookException naming the line, for a malformed directive
     */
    public static DependencyDirectives readScript(String script, String where) {
        List<MavenCoordinate> coordinates = new ArrayList<>();
        List<MavenRepository> repositories = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        List<String> lines = script.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String at = where + ", line " + (i + 1);
            try {
                if (line.startsWith(DEPS)) {
                    coordinates.addAll(MavenCoordinate.parseList(line.substring(DEPS.length())));
                } else if (line.startsWith(REPOS)) {
                    for (String repository : line.substring(REPOS.length()).strip().split("[\\s,]+")) {
                        repositories.add(repository(repository));
                    }
                } else if (line.startsWith(JARS)) {
                    jars.addAll(List.of(line.substring(JARS.length()).strip().split("\\s+")));
                }
            } catch (IllegalArgumentException e) {
                throw new NotebookException(at + ": " + e.getMessage(), e);
            }
        }
        return new DependencyDirectives(coordinates, repositories, jars);
    }

    private static MavenRepository repository(String text) {
        int equals = text.indexOf('=');
        if (equals > 0) {
            return MavenRepository.parse(text.substring(0, equals), text.substring(equals + 1));
        }
        String host = text.replaceFirst("^[a-z]+://", "").replaceFirst("[/:].*$", "");
        return MavenRepository.parse(host.isEmpty() ? "repository" : host, text);
    }
}
