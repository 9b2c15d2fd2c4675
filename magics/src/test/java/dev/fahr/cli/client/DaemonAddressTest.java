package dev.fahr.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonAddressTest {

    @TempDir
    Path temp;

    private String key(Path folder, Map<String, String> environment) throws IOException {
        Path jar = temp.resolve("fahr-kernel.jar");
        if (Files.notExists(jar)) {
            Files.writeString(jar, "jar");
        }
        return DaemonAddress.key("/usr/bin/java", jar, List.of("-XX:+UseSerialGC"), folder, environment);
    }

    @Test
    void whatTheShellChangesByItselfKeepsTheDaemon() throws IOException {
        Map<String, String> first = Map.of("HOME", "/home/a", "AWS_PROFILE", "ml", "SHLVL", "1", "_", "/usr/bin/fahr",
                "OLDPWD", "/", "PWD", "/work");
        Map<String, String> second = Map.of("HOME", "/home/a", "AWS_PROFILE", "ml", "SHLVL", "3", "COLUMNS", "120");
        assertEquals(key(temp, first), key(temp, second));
    }

    @Test
    void anotherFolderEnvironmentOrJarIsAnotherDaemon() throws IOException {
        Map<String, String> environment = new HashMap<>(Map.of("HOME", "/home/a", "AWS_PROFILE", "ml"));
        String key = key(temp, environment);
        assertNotEquals(key, key(temp.resolve("other"), environment));
        environment.put("AWS_PROFILE", "prod");
        assertNotEquals(key, key(temp, environment), "another AWS profile");
        environment.put("AWS_PROFILE", "ml");
        environment.put("DOCKER_HOST", "unix:///other.sock");
        assertNotEquals(key, key(temp, environment), "another engine");
        environment.remove("DOCKER_HOST");
        assertEquals(key, key(temp, environment));
        // Reinstalling replaces the jar.
        Files.writeString(temp.resolve("fahr-kernel.jar"), "a newer jar");
        assertNotEquals(key, key(temp, environment));
    }

    @Test
    void socketsLiveInAFolderOnlyItsUserOpens() throws IOException {
        Path runtime = Files.createDirectory(temp.resolve("run"));
        Path folder = DaemonAddress.folder(Map.of("XDG_RUNTIME_DIR", runtime.toString()));
        assertEquals(runtime.resolve("fahr"), folder);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals(folder, DaemonAddress.folder(Map.of("XDG_RUNTIME_DIR", runtime.toString())), "found again");

        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException open = assertThrows(IOException.class,
                () -> DaemonAddress.folder(Map.of("XDG_RUNTIME_DIR", runtime.toString())));
        assertTrue(open.getMessage().startsWith(folder + " must be a folder of " + System.getProperty("user.name")
                + " with mode 700"), open.getMessage());
        assertTrue(open.getMessage().endsWith("remove it and run again"), open.getMessage());
    }
}
