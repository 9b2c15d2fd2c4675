package dev.fahr.image.jib;

import java.nio.file.Path;
import java.util.Map;

/** Where Jib keeps base layers, built layers and files it extracts: {@code $XDG_CACHE_HOME/fahr/jib}, else {@code ~/.cache/fahr/jib}. */
final class JibCache {

    private JibCache() {
    }

    static Path folder(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "fahr", "jib");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "fahr", "jib");
    }
}
