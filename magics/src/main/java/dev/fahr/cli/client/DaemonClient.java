package dev.fahr.cli.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.fahr.cli.client.DaemonProtocol.Frame;
import dev.fahr.cli.client.DaemonProtocol.Kind;
import dev.fahr.cli.client.DaemonProtocol.Request;

/**
 * What the {@code fahr} launcher runs when {@code FAHR_DAEMON=1}: a JVM of a few classes that hands the
 * command to the background process for this folder and environment, starting it when there is none, and
 * relays its output, exit code and Ctrl-C. When the daemon is busy with another command, cannot start, or
 * refuses, the command runs in a process of its own as without the daemon. {@code fahr daemon list} and
 * {@code fahr daemon stop} are answered here. Only {@code java.base}, so that its jar opens in milliseconds.
 *
 * <pre>DaemonClient JAVA JAR [JVM OPTIONS] --daemon-options [DAEMON JVM OPTIONS] -- [fahr arguments]</pre>
 */
public final class DaemonClient {

    private static final String DAEMON_CLASS = "dev.fahr.cli.FahrDaemon";
    private static final String MAIN_CLASS = "dev.fahr.cli.FahrMain";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final String DAEMON_OPTIONS = "--daemon-options";

    private final String java;
    private final Path jar;
    private final List<String> cliOptions;
    private final List<String> daemonOptions;
    private final Map<String, String> environment = System.getenv();
    private final Path workingDirectory = Path.of("").toAbsolutePath();

    private DaemonClient(String java, Path jar, List<String> cliOptions, List<String> daemonOptions) {
        this.java = java;
        this.jar = jar;
        this.cliOptions = cliOptions;
        this.daemonOptions = daemonOptions;
    }

    public static void main(String[] args) throws Exception {
        List<String> all = List.of(args);
        int daemonAt = all.indexOf(DAEMON_OPTIONS);
        int argumentsAt = all.indexOf("--");
        if (all.size() < 2 || daemonAt < 2 || argumentsAt < daemonAt) {
            System.err.println("usage: DaemonClient JAVA JAR [JVM OPTIONS] " + DAEMON_OPTIONS
                    + " [DAEMON JVM OPTIONS] -- [fahr arguments] (the fahr launcher runs it)");
            System.exit(2);
        }
        DaemonClient client = new DaemonClient(args[0], Path.of(args[1]), all.subList(2, daemonAt),
                all.subList(daemonAt + 1, argumentsAt));
        List<String> arguments = all.subList(argumentsAt + 1, all.size());
        int code = !arguments.isEmpty() && arguments.get(0).equals("daemon")
                ? client.manage(arguments.subList(1, arguments.size()))
                : client.run(arguments);
        System.exit(code);
    }

    private int run(List<String> arguments) throws Exception {
        Path socket;
        try {
            socket = DaemonAddress.folder(environment).resolve(
                    DaemonAddress.key(java, jar, daemonOptions, workingDirectory, environment) + ".sock");
        } catch (IOException | IllegalStateException e) {
            System.err.println("fahr: no background process (" + e.getMessage() + "); running without it");
            return direct(arguments);
        }
        SocketChannel channel = connect(socket);
        if (channel == null) {
            channel = start(socket);
            if (channel == null) {
                return direct(arguments);
            }
        }
        Integer code = relay(channel, new Request(Kind.RUN, workingDirectory, environment, arguments, Terminal.attached()));
        return code != null ? code : direct(arguments);
    }

    /**
     * Sends the request and copies frames to this process's output until the exit code; null when the
     * daemon will not run it (busy, refused) and the command should run here.
     */
    private Integer relay(SocketChannel channel, Request request) throws IOException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        CountDownLatch ended = new CountDownLatch(1);
        DataOutputStream out = DaemonProtocol.output(channel);
        Thread onCtrlC = new Thread(() -> {
            // The JVM ends with 130 when this hook returns; first let the command stop and say so.
            if (ended.getCount() == 0) {
                return;
            }
            try {
                synchronized (out) {
                    out.writeByte(DaemonProtocol.INTERRUPT);
                    out.flush();
                }
                ended.await(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException gone) {
                // nothing more to relay
            }
        }, "fahr-client-interrupt");
        try (channel) {
            synchronized (out) {
                request.write(out);
            }
            DataInputStream in = DaemonProtocol.input(channel);
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            boolean started = request.kind() != Kind.RUN;
            while (true) {
                Frame frame;
                try {
                    frame = Frame.read(in);
                } catch (IOException e) {
                    ended.countDown();
                    if (!started) {
                        // It ended (idle, stopped) before it began the command: nothing ran, run it here.
                        Runtime.getRuntime().removeShutdownHook(onCtrlC);
                        return null;
                    }
                    System.err.println("fahr: the background process ended during the command (" + e.getMessage()
                            + "); its log is beside its socket in " + DaemonAddress.folder(environment));
                    return 1;
                }
                switch (frame.type()) {
                    case DaemonProtocol.STARTED -> started = true;
                    case DaemonProtocol.STDOUT -> write(stdout, frame.data());
                    case DaemonProtocol.STDERR -> write(stderr, frame.data());
                    case DaemonProtocol.EXIT -> {
                        ended.countDown();
                        return frame.exitCode();
                    }
                    case DaemonProtocol.BUSY -> {
                        Runtime.getRuntime().removeShutdownHook(onCtrlC);
                        return null;
                    }
                    case DaemonProtocol.REFUSED -> {
                        Runtime.getRuntime().removeShutdownHook(onCtrlC);
                        System.err.println("fahr: the background process refused the command (" + frame.text()
                                + "); running without it");
                        return null;
                    }
                    default -> throw new IOException("unknown frame type " + frame.type());
                }
            }
        }
    }

    /**
     * Writes to this process's output. A reader that went away (fahr status | head -1) ends the output, not
     * the relay: the command still ends and its exit code still comes back, as in a process of its own.
     */
    private static void write(OutputStream stream, byte[] data) {
        try {
            stream.write(data);
            stream.flush();
        } catch (IOException closedByTheReader) {
            // dropped, as a PrintStream drops it
        }
    }

    /** Starts the daemon for this socket (one client at a time does) and connects; null when it cannot. */
    private SocketChannel start(Path socket) throws IOException, InterruptedException {
        Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            SocketChannel running = connect(socket);
            if (running != null) {
                return running;
            }
            Files.deleteIfExists(socket);
            String setsid = setsid();
            if (setsid == null) {
                System.err.println("fahr: FAHR_DAEMON=1 needs setsid (util-linux) to start the background process "
                        + "apart from this terminal; running without it");
                return null;
            }
            Path log = socket.resolveSibling(socket.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(setsid, java));
            command.addAll(daemonOptions);
            command.addAll(List.of("-cp", jar.toString(), DAEMON_CLASS, socket.toString()));
            Process daemon = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                SocketChannel channel = connect(socket);
                if (channel != null) {
                    return channel;
                }
                if (!daemon.isAlive() && daemon.exitValue() != 0) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            daemon.destroy();
            List<String> said = lines(log);
            System.err.println("fahr: the background process did not start" + (said.isEmpty() ? ""
                    : ": " + said.get(said.size() - 1)) + " (its log: " + log + "); running without it");
            return null;
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException deadOrStarting) {
            return null;
        }
    }

    /** The command in a JVM of its own, as the launcher runs it without the daemon. */
    private int direct(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(cliOptions);
        command.addAll(List.of("-cp", jar.toString(), MAIN_CLASS));
        command.addAll(arguments);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** {@code fahr daemon list|stop}: this user's background processes, whatever folder they serve. */
    private int manage(List<String> arguments) throws IOException {
        String verb = arguments.isEmpty() ? "list" : arguments.get(0);
        if (arguments.size() > 1 || !(verb.equals("list") || verb.equals("stop"))) {
            System.err.println("fahr daemon: list or stop (got " + String.join(" ", arguments) + ")");
            return 2;
        }
        Path folder = DaemonAddress.folder(environment);
        List<Path> sockets;
        try (var listing = Files.list(folder)) {
            sockets = listing.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        }
        int answered = 0;
        for (Path socket : sockets) {
            SocketChannel channel = connect(socket);
            if (channel == null) {
                Files.deleteIfExists(socket);
                continue;
            }
            Request request = new Request(verb.equals("stop") ? Kind.STOP : Kind.INFO, workingDirectory, Map.of(),
                    List.of(), false);
            Integer code = relay(channel, request);
            if (code != null && code == 0) {
                answered++;
            }
        }
        System.out.println(verb.equals("stop") ? "stopped " + answered + (answered == 1 ? " background process"
                : " background processes") : answered + (answered == 1 ? " background process" : " background processes")
                + " (FAHR_DAEMON=1 starts one per folder and environment)");
        return 0;
    }

    private static String setsid() {
        List<String> places = new ArrayList<>(List.of("/usr/bin/setsid", "/bin/setsid"));
        String path = System.getenv("PATH");
        if (path != null) {
            Arrays.stream(path.split(":")).filter(d -> !d.isEmpty()).forEach(d -> places.add(d + "/setsid"));
        }
        return places.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }
}
