package dev.fahr.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a background process listens. A daemon answers for exactly one folder, one environment, one JDK and
 * one installed jar: its socket's name is a digest of all four, so a command is only ever run by a daemon
 * that sees what a process of its own would see (the AWS profile, DOCKER_HOST, the credentials on PATH,
 * relative paths). Sockets live in a folder only their user can open. Only {@code java.base}.
 */
public final class DaemonAddress {

    /**
     * Variables a shell changes by itself between commands and fahr never reads: a daemon started in one
     * shell serves the next command in another.
     */
    static final Set<String> SHELL_BOOKKEEPING = Set.of("_", "PWD", "OLDPWD", "SHLVL", "COLUMNS", "LINES");

    private DaemonAddress() {
    }

    /** The environment as it decides which daemon runs a command. */
    public static Map<String, String> relevant(Map<String, String> environment) {
        Map<String, String> relevant = new TreeMap<>(environment);
        relevant.keySet().removeAll(SHELL_BOOKKEEPING);
        return relevant;
    }

    /** The daemon's socket name (without folder) for a command run with these. */
    static String key(String java, Path jar, List<String> jvmOptions, Path workingDirectory,
                      Map<String, String> environment) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder().append(DaemonProtocol.VERSION).append('\0').append(java).append('\0')
                    .append(jar).append('\0');
            // Reinstalling fahr replaces the jar: the next command starts a daemon of the new one.
            text.append(Files.size(jar)).append('\0').append(Files.getLastModifiedTime(jar).toMillis()).append('\0');
            jvmOptions.forEach(option -> text.append(option).append('\0'));
            text.append(workingDirectory).append('\0');
            relevant(environment).forEach((name, value) -> text.append(name).append('=').append(value).append('\0'));
            byte[] hash = digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot name the background process: " + e.getMessage(), e);
        }
    }

    /**
     * The folder of this user's daemon sockets: {@code $XDG_RUNTIME_DIR/fahr}, else {@code /tmp/fahr-USER}.
     * Made with mode 700; a folder another user owns or others may enter is refused, naming it.
     */
    public static Path folder(Map<String, String> environment) throws IOException {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        Path folder = runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "fahr")
                : Path.of(System.getProperty("java.io.tmpdir"), "fahr-" + System.getProperty("user.name"));
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another client made it: checked below like any other
            }
        }
        String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !owner.equals(System.getProperty("user.name"))
                || !Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(ownerOnly)) {
            throw new IOException(folder + " must be a folder of " + System.getProperty("user.name")
                    + " with mode 700 (it is " + owner + "'s" + "); remove it and run again");
        }
        return folder;
    }
}
