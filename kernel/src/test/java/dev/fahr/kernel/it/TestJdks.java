package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs the kernel ITs run the kernel on: the one running the build (17, the lowest supported) and a
 * newer one, where Thread.stop is gone and JShell instruments snippet code instead (JDK 20 on). The
 * newer one is FAHR_TEST_NEWER_JAVA_HOME, else the newest JDK under /usr/lib/jvm above the running one.
 */
final class TestJdks {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private TestJdks() {
    }

    static Path current() {
        return Path.of(System.getProperty("java.home"));
    }

    static List<Path> currentAndNewer() {
        return List.of(current(), newer());
    }

    static Path newer() {
        String configured = System.getenv("FAHR_TEST_NEWER_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                fail("FAHR_TEST_NEWER_JAVA_HOME=" + configured + " has no bin/java");
            }
            return home;
        }
        int running = Runtime.version().feature();
        Optional<Path> found;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            found = homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) > running)
                    .max(Comparator.comparingInt(TestJdks::featureVersion));
        } catch (IOException e) {
            found = Optional.empty();
        }
        return found.orElseGet(() -> fail("no JDK newer than " + running + " found under /usr/lib/jvm: the kernel "
                + "must also work where Thread.stop is gone (JDK 20 on). Install one (these machines have Temurin's "
                + "under /usr/lib/jvm) or set FAHR_TEST_NEWER_JAVA_HOME to its home."));
    }

    private static int featureVersion(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
