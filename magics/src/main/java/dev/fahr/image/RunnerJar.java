package dev.fahr.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fahr-runner jar that the magics jar carries as a resource (the Maven build copies it in), so
 * that images can be built from the shaded kernel jar and the command line alike, with a runner of
 * exactly the fahr version that prepared the job.
 */
final class RunnerJar {

    static final String FILE_NAME = "fahr-runner.jar";

    private static volatile byte[] cached;

    private RunnerJar() {
    }

    static byte[] bytes() {
        byte[] bytes = cached;
        if (bytes == null) {
            try (InputStream in = RunnerJar.class.getResourceAsStream(FILE_NAME)) {
                if (in == null) {
                    throw new IllegalStateException("the resource dev/fahr/image/" + FILE_NAME + " is missing from"
                            + " the fahr library: build it with Maven (`mvn -pl runner,magics -am install`),"
                            + " which embeds the runner jar");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded " + FILE_NAME, e);
            }
            cached = bytes;
        }
        return bytes;
    }
}
