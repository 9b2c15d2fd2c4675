package dev.fahr.notebook;

import dev.fahr.resolver.MavenCoordinate;

import java.util.List;

/**
 * What a notebook's {@code %maven}, {@code %mavenRepo}, {@code %jars} and {@code %classpath} lines
 * asked for, each list in notebook order. Jar entries are paths or globs as written.
 */
public record DependencyDirectives(List<MavenCoordinate> coordinates, List<MavenRepository> repositories, List<String> jars) {

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
}
