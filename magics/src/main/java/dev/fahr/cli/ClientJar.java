package dev.fahr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import dev.fahr.cli.client.DaemonClient;
import dev.fahr.files.AtomicFile;

/**
 * Writes {@code fahr-client.jar}: the classes of {@code dev.fahr.cli.client} taken from the jar this runs
 * from. install.sh runs it, so the client always matches the installed jar; a JVM opens the small jar
 * faster than fahr's whole one. Not a user command.
 *
 * <pre>java -cp fahr-kernel.jar dev.fahr.cli.ClientJar OUT</pre>
 */
public final class ClientJar {

    private static final String PACKAGE = DaemonClient.class.getPackageName().replace('.', '/') + "/";

    private ClientJar() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ClientJar OUT");
        }
        Path source = Path.of(DaemonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jar = new JarFile(source.toFile())) {
            AtomicFile.write(Path.of(args[0]), out -> {
                int copied = 0;
                try (JarOutputStream client = new JarOutputStream(out)) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(PACKAGE) && entry.getName().endsWith(".class")) {
                            client.putNextEntry(new JarEntry(entry.getName()));
                            try (InputStream in = jar.getInputStream(entry)) {
                                in.transferTo(client);
                            }
                            client.closeEntry();
                            copied++;
                        }
                    }
                }
                if (copied == 0) {
                    throw new IOException(source + " has no " + PACKAGE + " classes");
                }
            });
        }
    }
}
