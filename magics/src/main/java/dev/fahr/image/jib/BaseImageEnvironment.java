package dev.fahr.image.jib;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fahr.image.ImageBuildException;

/**
 * A base image's environment, read from its config in the registry without pulling a layer: what
 * {@code ENV PATH=/opt/java/openjdk/bin:$PATH} needs to know about {@code PATH}.
 */
final class BaseImageEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryLogins logins;

    BaseImageEnvironment(RegistryLogins logins) {
        this.logins = logins;
    }

    Map<String, String> of(String reference) {
        byte[] config = RegistryReader.open(reference, logins).config();
        Map<String, String> environment = new LinkedHashMap<>();
        try {
            for (JsonNode entry : JSON.readTree(config).path("config").path("Env")) {
                String text = entry.asText();
                int equals = text.indexOf('=');
                if (equals > 0) {
                    environment.put(text.substring(0, equals), text.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new ImageBuildException("the config of base image " + reference + " is not JSON: " + e.getMessage(), e);
        }
        return environment;
    }
}
