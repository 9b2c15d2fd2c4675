package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the ITs that launch training jobs: a Docker engine must answer at DOCKER_HOST and hold the offline base
 * images, as under scripts/with-services.sh. Without them the tests fail (never skip), saying how to run them.
 */
final class DockerEngineProbe {

    static final String HOW = "run the kernel ITs under scripts/with-services.sh (it starts a Docker engine on loopback, "
            + "exports DOCKER_HOST and builds the offline base images), e.g. scripts/with-services.sh mvn -B verify -pl kernel -am, "
            + "or scripts/test.sh";

    private DockerEngineProbe() {
    }

    /** Fails unless the engine at DOCKER_HOST answers and has {@code images}. */
    static void requireEngineWith(String... images) {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || !host.startsWith("unix://")) {
            fail("DOCKER_HOST is " + (host == null ? "not set" : "'" + host + "', not a unix socket")
                    + ": these tests launch training jobs on a Docker engine; " + HOW);
        }
        Path socket = Path.of(host.substring("unix://".length()));
        if (!Files.exists(socket)) {
            fail("no Docker engine socket at " + socket + " (DOCKER_HOST=" + host + "); " + HOW);
        }
        String ping = get(socket, "/_ping");
        if (!ping.startsWith("HTTP/1.1 200")) {
            fail("the Docker engine at " + host + " does not answer /_ping (" + firstLine(ping) + "); " + HOW);
        }
        for (String image : images) {
            String inspect = get(socket, "/images/" + image + "/json");
            if (!inspect.startsWith("HTTP/1.1 200")) {
                fail("the Docker engine at " + host + " has no image " + image + " (" + firstLine(inspect)
                        + "); scripts/with-services.sh builds the offline base images (scripts/base-images.sh); " + HOW);
            }
        }
    }

    private static String get(Path socket, String path) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            StringBuilder answer = new StringBuilder();
            while (channel.read(buffer) > 0 && answer.length() < 1 << 20) {
                buffer.flip();
                answer.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
            }
            return answer.toString();
        } catch (IOException e) {
            fail("cannot reach the Docker engine at unix://" + socket + ": " + e.getMessage() + "; " + HOW);
            return "";
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\r');
        return end < 0 ? text : text.substring(0, end);
    }
}
