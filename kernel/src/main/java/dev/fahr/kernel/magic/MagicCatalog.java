package dev.fahr.kernel.magic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One-line descriptions of magics, for {@code %lsmagic}. Any jar may describe its magics in a
 * {@code META-INF/jupyter-magics.properties} resource ({@code name=description}); a data file rather
 * than an interface, so an extension needs no compile-time link to this kernel to be described.
 */
public final class MagicCatalog {

    public static final String RESOURCE = "META-INF/jupyter-magics.properties";

    private final Map<String, String> descriptions = new TreeMap<>();

    public void describe(String name, String description) {
        descriptions.put(name, description);
    }

    public void load(ClassLoader loader) {
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = resources.nextElement().openStream()) {
                    properties.load(in);
                }
                properties.forEach((k, v) -> descriptions.putIfAbsent(k.toString(), v.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    public String descriptionOf(String name) {
        return descriptions.getOrDefault(name, "");
    }
}
