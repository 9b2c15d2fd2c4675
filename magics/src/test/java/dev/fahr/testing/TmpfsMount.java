package dev.fahr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a folder, for "disk full" faults: writes past its size fail with ENOSPC as on a
 * real full disk. Mounting needs root (the suite runs as root, as {@code .ci/run} does); without it the
 * test fails, saying so, and never skips.
 */
public final class TmpfsMount implements AutoCloseable {

    private final Path folder;

    private TmpfsMount(Path folder) {
        this.folder = folder;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to pages) on {@code folder}, created if missing. */
    public static TmpfsMount of(Path folder, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", folder.toString()),
                "mounting a tmpfs needs root: run the fault suite as root (as .ci/run does)");
        return new TmpfsMount(folder);
    }

    public Path folder() {
        return folder;
    }

    /** Writes {@code name} in the mount until the file system is full ("No space left on device"). */
    public Path fill(String name) throws IOException {
        Path filler = folder.resolve(name);
        byte[] block = new byte[4096];
        try (java.io.OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", "-l", folder.toString()), "cannot unmount the test tmpfs");
    }

    private static void run(List<String> command, String hint) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + output + "): " + hint);
        }
    }
}
