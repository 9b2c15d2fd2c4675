package dev.fahr.resolver;

import java.net.URI;
import java.util.Objects;

/** A remote Maven repository: the id is what settings.xml's {@code <server>} and {@code <mirrorOf>} refer to. */
public record Repository(String id, String url) {

    public static final Repository MAVEN_CENTRAL = new Repository("central", "https://repo.maven.apache.org/maven2/");

    public Repository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (id.isBlank() || id.contains(",") || id.contains(" ")) {
            throw new IllegalArgumentException("invalid repository id '" + id + "': it must be one word, e.g. %mavenRepo my-repo https://...");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid repository URL '" + url + "': " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")
                || uri.getScheme().equals("file"))) {
            throw new IllegalArgumentException("invalid repository URL '" + url + "': it must start with https://, http:// or file:");
        }
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
