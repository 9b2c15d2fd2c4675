package dev.fahr.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FAHR_DAEMON=1} as a user meets it through the installed {@code fahr}: the first command starts a
 * background process, later ones in the same folder and environment are run by it with the same output and
 * exit codes as a process of their own; a command while it is busy runs on its own; Ctrl-C stops the
 * command, not the daemon; another environment gets another daemon; {@code fahr daemon stop} ends them.
 */
class CliDaemonIT {

    private static final String SLEEPING_NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"name": "fahr-java", "display_name": "Java (fahr)", "language": "java"}},
             "cells": [
              {"cell_type": "code", "id": "s", "metadata": {}, "execution_count": null, "outputs": [],
               "source": "Thread.sleep(600_000);"}]}
            """;

    @TempDir
    Path temp;

    private Path home;
    private Path project;
    private Path runtime;

    @Test
    void theDaemonRunsCommandsAsTheirOwnProcessWouldAndSurvivesCtrlC() throws Exception {
        DockerEngineProbe.requireEngineWith("eclipse-temurin:21-jdk");
        JupyterPython.requireModules(temp);
        home = Files.createDirectories(temp.resolve("home"));
        project = Files.createDirectories(temp.resolve("project"));
        runtime = Files.createDirectories(temp.resolve("run"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve("train.ipynb"), SLEEPING_NOTEBOOK, StandardCharsets.UTF_8);
        Path root = JupyterPython.repoRoot();
        JupyterPython.Result install = run(Map.of(), false, root.resolve("install.sh").toString(), "--jar",
                JupyterPython.kernelJar().toString());
        assertEquals(0, install.exitCode(), install.output());
        assertTrue(Files.isRegularFile(home.resolve(".local/share/fahr/fahr-client.jar")), install.output());

        // The launcher chooses UTF-8 in the C locale (a bare environment), so that the JVM can name any file,
        // and keeps a locale the user chose.
        assertTrue(launcherSettings(Map.of()).contains("sun.jnu.encoding = UTF-8"));
        assertTrue(launcherSettings(Map.of("LC_ALL", "C")).contains("sun.jnu.encoding = ANSI_X3.4-1968"));

        // The same output and exit code as without the daemon; the first command started it.
        JupyterPython.Result direct = fahr(Map.of(), false, "config");
        JupyterPython.Result served = fahr(Map.of(), true, "config");
        assertEquals(0, served.exitCode(), served.output());
        assertEquals(direct.output(), served.output());
        JupyterPython.Result usage = fahr(Map.of(), true, "fit", "--no-such-option");
        assertEquals(2, usage.exitCode(), usage.output());
        assertEquals(fahr(Map.of(), false, "fit", "--no-such-option").output(), usage.output());
        String pid = onlyDaemonPid(2);

        // A fit, then a wait for it; while the daemon waits, another command runs in a process of its own.
        JupyterPython.Result fit = fahr(Map.of(), true, "fit", "train.ipynb", "--train-driver=local");
        assertEquals(0, fit.exitCode(), fit.output());
        Matcher launched = Pattern.compile("Launched (\\S+)").matcher(fit.output());
        assertTrue(launched.find(), fit.output());
        String job = launched.group(1);
        Path waitLog = temp.resolve("wait.log");
        Process wait = start(waitLog, "status", job, "--wait");
        awaitOutput(wait, waitLog, job);
        JupyterPython.Result meanwhile = fahr(Map.of(), true, "status", "--no-watch");
        assertEquals(0, meanwhile.exitCode(), meanwhile.output());
        assertTrue(Pattern.compile(Pattern.quote(job) + "\\s+local\\s+in progress").matcher(meanwhile.output()).find(),
                meanwhile.output());

        // Ctrl-C: the client ends as a process of its own would (130), after the command said what it did.
        // Python sends it: a fresh machine need not have procps's kill.
        new ProcessBuilder(JupyterPython.python(), "-c", "import os, signal, sys; os.kill(int(sys.argv[1]), signal.SIGINT)",
                String.valueOf(wait.pid())).inheritIO().start().waitFor();
        assertTrue(wait.waitFor(30, TimeUnit.SECONDS), "the client ends on Ctrl-C:\n" + Files.readString(waitLog));
        String waitOutput = Files.readString(waitLog);
        assertEquals(130, wait.exitValue(), waitOutput);
        assertTrue(waitOutput.contains("stopped waiting; the jobs go on"), waitOutput);
        // The daemon lived through it and runs the next command: the job still runs, and stops on request.
        JupyterPython.Result stop = fahr(Map.of(), true, "stop", job);
        assertEquals(0, stop.exitCode(), stop.output());
        assertEquals(pid, onlyDaemonPid(5));

        // A daemon that goes away before it begins a command (its idle end, say) never ran it: the client runs
        // it itself. One that goes away after it began has left the command half done, and the client says so.
        Path socket = sockets().get(0);
        assertEquals(0, fahr(Map.of(), false, "daemon", "stop").exitCode());
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> p.onExit().join());
        String configNow = fahr(Map.of(), false, "config").output();
        try (DyingDaemon dying = new DyingDaemon(socket, false)) {
            JupyterPython.Result ranHere = fahr(Map.of(), true, "config");
            assertEquals(0, ranHere.exitCode(), ranHere.output());
            assertEquals(configNow, ranHere.output());
            assertEquals(1, dying.connections());
        }
        try (DyingDaemon dying = new DyingDaemon(socket, true)) {
            JupyterPython.Result halfDone = fahr(Map.of(), true, "config");
            assertEquals(1, halfDone.exitCode(), halfDone.output());
            assertTrue(halfDone.output().startsWith("fahr: the background process ended during the command"),
                    halfDone.output());
        }
        Files.deleteIfExists(socket);

        // Another environment is another daemon; `fahr daemon stop` ends both and leaves no socket.
        JupyterPython.Result region = fahr(Map.of("AWS_REGION", "eu-west-1"), true, "status", "--no-watch");
        assertEquals(0, region.exitCode(), region.output());
        assertEquals(0, fahr(Map.of(), true, "config").exitCode());
        assertTrue(fahr(Map.of(), true, "daemon", "list").output().contains("2 background processes"));
        // Without FAHR_DAEMON too: a user who turned it off still ends what runs.
        JupyterPython.Result stopped = fahr(Map.of(), false, "daemon", "stop");
        assertTrue(stopped.output().contains("stopped 2 background processes"), stopped.output());
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && sockets().size() > 0) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), sockets(), "the daemons removed their sockets");
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        if (daemon != null) {
            daemon.onExit().get(10, TimeUnit.SECONDS);
        }
        assertFalse(daemon != null && daemon.isAlive(), "daemon " + pid + " ended");
    }

    /** Listens at a daemon's socket, takes one request, and goes away: before STARTED, or after it. */
    private static final class DyingDaemon implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;
        private final AtomicInteger connections = new AtomicInteger();

        DyingDaemon(Path socket, boolean afterStarting) throws Exception {
            Files.deleteIfExists(socket);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            thread = new Thread(() -> {
                try (SocketChannel client = server.accept()) {
                    connections.incrementAndGet();
                    client.read(ByteBuffer.allocate(1 << 16));
                    if (afterStarting) {
                        client.write(ByteBuffer.wrap(new byte[] {7, 0, 0, 0, 0}));
                    }
                } catch (Exception closed) {
                    // closed by the test
                }
            });
            thread.start();
        }

        int connections() throws InterruptedException {
            thread.join(10_000);
            return connections.get();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(10_000);
        }
    }

    /** The JVM's settings as the installed launcher starts it with no locale variable but {@code locale}. */
    private String launcherSettings(Map<String, String> locale) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve(".local/bin/fahr").toString(), "--version")
                .directory(project.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("FAHR_CLI_JAVA_OPTS", "-XshowSettings:properties");
        builder.environment().putAll(locale);
        JupyterPython.Result result = JupyterPython.run(builder, temp, 60);
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    /** The one daemon's pid, after it has run {@code commands} commands. */
    private String onlyDaemonPid(int commands) throws Exception {
        String list = fahr(Map.of(), true, "daemon", "list").output();
        assertTrue(list.contains("1 background process "), list);
        Matcher matcher = Pattern.compile("pid (\\d+)\\s+" + Pattern.quote(project.toString())
                + "\\s+started \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+" + commands
                + " commands, idle").matcher(list);
        assertTrue(matcher.find(), "one daemon for " + project + " that ran " + commands + " commands:\n" + list);
        return matcher.group(1);
    }

    private List<Path> sockets() throws Exception {
        try (var listing = Files.list(runtime.resolve("fahr"))) {
            return listing.filter(p -> p.toString().endsWith(".sock")).toList();
        }
    }

    private static void awaitOutput(Process process, Path log, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            String output = Files.readString(log);
            if (output.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                fail("it ended before showing " + text + ":\n" + output);
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        fail("no " + text + " in 2 minutes:\n" + Files.readString(log));
    }

    /**
     * The installed fahr, in the background with its output in {@code log}, with Ctrl-C's signal handled as in
     * a terminal (a test runner may have started this JVM with SIGINT ignored, which children inherit).
     */
    private Process start(Path log, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(JupyterPython.python(), "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                home.resolve(".local/bin/fahr").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        environment(builder, Map.of(), true);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private JupyterPython.Result fahr(Map<String, String> extra, boolean daemon, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve(".local/bin/fahr").toString()));
        command.addAll(List.of(arguments));
        return run(extra, daemon, command.toArray(String[]::new));
    }

    private JupyterPython.Result run(Map<String, String> extra, boolean daemon, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        environment(builder, extra, daemon);
        return JupyterPython.run(builder, temp, 300);
    }

    private void environment(ProcessBuilder builder, Map<String, String> extra, boolean daemon) {
        Map<String, String> environment = builder.environment();
        for (String variable : List.of("XDG_DATA_HOME", "XDG_CACHE_HOME", "JUPYTER_DATA_DIR", "JUPYTER_PATH",
                "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "FAHR_KERNEL_NAME", "FAHR_DAEMON", "AWS_REGION")) {
            environment.remove(variable);
        }
        Map<String, String> set = new HashMap<>(extra);
        set.put("HOME", home.toString());
        set.put("XDG_RUNTIME_DIR", runtime.toString());
        // Python sets LC_CTYPE when the locale is C (PEP 538), which would make start()'s environment another.
        set.put("LC_ALL", "C.UTF-8");
        if (daemon) {
            set.put("FAHR_DAEMON", "1");
        }
        environment.putAll(set);
    }
}
