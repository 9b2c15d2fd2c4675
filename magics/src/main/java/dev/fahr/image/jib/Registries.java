package dev.fahr.image.jib;

import java.util.Locale;

/** What fahr decides from a registry's address alone. */
final class Registries {

    private Registries() {
    }

    /**
     * Whether the registry runs on this machine ({@code localhost}, {@code 127.x}, {@code ::1}): traffic to it
     * never leaves the machine, so a self-signed certificate or plain HTTP is accepted, as the Docker engine
     * accepts them for loopback registries. Any other registry must have a certificate that verifies.
     */
    static boolean isLoopback(String registry) {
        String host = registry.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']') < 0 ? host.length() : host.indexOf(']'));
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
