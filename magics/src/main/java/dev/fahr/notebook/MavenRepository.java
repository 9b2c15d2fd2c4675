package dev.fahr.notebook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A Maven repository added with {@code %mavenRepo ID URL}. */
public record MavenRepository(String id, URI url) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    public MavenRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }

    public static MavenRepository parse(String id, String url) {
        if (!ID.matcher(id).matches()) {
            throw new NotebookException("Malformed Maven repository id '" + id + "': use letters, digits, '.', '-'"
                    + " and '_', as in %mavenRepo central https://repo.maven.apache.org/maven2/");
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
                throw new URISyntaxException(url, "it needs an http, https or file scheme");
            }
            return new MavenRepository(id, uri);
        } catch (URISyntaxException e) {
            throw new NotebookException("Malformed URL '" + url + "' for Maven repository '" + id + "': "
                    + e.getReason() + ". Write it as %mavenRepo " + id + " https://host/path/", e);
        }
    }
}
