package dev.fahr.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.fahr.cli.client.DaemonAddress;
import dev.fahr.cli.client.DaemonProtocol;
import dev.fahr.cli.client.DaemonProtocol.Request;

/**
 * The background process {@code FAHR_DAEMON=1} keeps (opt-in; see the README): a JVM that has loaded and
 * compiled fahr once runs the next command in a fraction of a fresh one's time. It runs one command at a
 * time, for clients in the folder and environment it was started with (its socket's name says which), and
 * ends after {@code FAHR_DAEMON_IDLE_MINUTES} (default 30) without a command, on {@code fahr daemon stop},
 * or when a command does not stop on an interrupt. Not a user command: the client starts it.
 *
 * <pre>java ... dev.fahr.cli.FahrDaemon SOCKET</pre>
 */
public final class FahrDaemon {

    /** How long an interrupted command may take to stop before the daemon ends with it still running. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** When it started, as a user reads a clock: minutes, local time (an Instant prints UTC to the ns). */
    private static final DateTimeFormatter STARTED_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Path socket;
    private final Duration idleLimit;
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private final Map<String, String> environment = DaemonAddress.relevant(System.getenv());
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Instant started = Instant.now();
    private volatile Instant lastActive = Instant.now();
    private volatile boolean stopWhenIdle;
    private volatile int served;

    private FahrDaemon(Path socket, Duration idleLimit) {
        this.socket = socket;
        this.idleLimit = idleLimit;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FahrDaemon SOCKET (the fahr client starts it)");
        }
        String idle = System.getenv().getOrDefault("FAHR_DAEMON_IDLE_MINUTES", "30").trim();
        if (!idle.matches("[1-9][0-9]{0,5}")) {
            System.err.println("FAHR_DAEMON_IDLE_MINUTES must be a whole number of minutes (1 or more), not '" + idle + "'");
            System.exit(2);
        }
        new FahrDaemon(Path.of(args[0]), Duration.ofMinutes(Long.parseLong(idle))).serve();
    }

    private void serve() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "fahr-daemon-cleanup"));
            startIdleWatch();
            System.err.println("fahr daemon " + ProcessHandle.current().pid() + " listening at " + socket);
            while (true) {
                SocketChannel client = server.accept();
                started(new Thread(() -> answer(client), "fahr-daemon-client"), true);
            }
        }
    }

    private void answer(SocketChannel channel) {
        try (channel) {
            DataInputStream in = DaemonProtocol.input(channel);
            DataOutputStream out = DaemonProtocol.output(channel);
            Request request = Request.read(in);
            switch (request.kind()) {
                case INFO -> {
                    DaemonProtocol.writeText(out, DaemonProtocol.STDOUT, describe());
                    DaemonProtocol.writeExit(out, 0);
                }
                case STOP -> {
                    stopWhenIdle = true;
                    DaemonProtocol.writeExit(out, 0);
                    if (!busy.get()) {
                        System.exit(0);
                    }
                }
                case RUN -> run(request, in, out);
            }
        } catch (IOException e) {
            System.err.println("fahr daemon: a client went away: " + e.getMessage());
        }
    }

    private void run(Request request, DataInputStream in, DataOutputStream out) throws IOException {
        String refusal = refusal(request);
        if (refusal != null) {
            DaemonProtocol.writeText(out, DaemonProtocol.REFUSED, refusal);
            return;
        }
        if (stopWhenIdle || !busy.compareAndSet(false, true)) {
            DaemonProtocol.writeFrame(out, DaemonProtocol.BUSY, new byte[0], 0, 0);
            return;
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            // The command's output is queued and written here: a write on the command's own thread would close
            // the socket when that thread is interrupted (Ctrl-C), as NIO channels do.
            BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
            PrintStream commandOut = frames(frames, DaemonProtocol.STDOUT);
            PrintStream commandErr = frames(frames, DaemonProtocol.STDERR);
            DaemonProtocol.writeFrame(out, DaemonProtocol.STARTED, new byte[0], 0, 0);
            // Anything a library prints goes to the client too: one command at a time makes this safe.
            System.setOut(commandOut);
            System.setErr(commandErr);
            int[] exit = {1};
            byte[] end = new byte[0];
            Thread command = started(new Thread(() -> {
                try {
                    exit[0] = FahrMain.run(request.arguments(), workingDirectory, request.environment(), commandOut,
                            commandErr, request.terminal());
                } finally {
                    commandOut.flush();
                    commandErr.flush();
                    frames.add(end);
                }
            }, "fahr-command"), false);
            // Not interrupted when the command ends (that would close the socket): closing it ends the thread.
            started(new Thread(() -> interruptOnRequest(in, command), "fahr-daemon-interrupts"), true);
            // Until the command has ended, even when its client has gone (it is being interrupted then): the
            // daemon takes no other command while this one still runs.
            boolean clientGone = false;
            for (byte[] frame = take(frames); frame != end; frame = take(frames)) {
                try {
                    if (!clientGone) {
                        out.write(frame);
                        if (frames.isEmpty()) {
                            out.flush();
                        }
                    }
                } catch (IOException gone) {
                    clientGone = true;
                }
            }
            if (!clientGone) {
                DaemonProtocol.writeExit(out, exit[0]);
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            served++;
            lastActive = Instant.now();
            busy.set(false);
            if (stopWhenIdle) {
                System.exit(0);
            }
        }
    }

    /**
     * Ctrl-C at the client, or the client gone: the command is interrupted, as a process of its own would be
     * stopped. One that does not stop in time takes the daemon with it; the next command starts a new one.
     */
    private void interruptOnRequest(DataInputStream in, Thread command) {
        try {
            int signal = in.read();
            if (signal != DaemonProtocol.INTERRUPT && signal != -1) {
                return;
            }
        } catch (IOException gone) {
            // the client went away: stop its command all the same
        }
        if (!command.isAlive()) {
            return;
        }
        command.interrupt();
        try {
            command.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        if (command.isAlive()) {
            System.err.println("fahr daemon: an interrupted command did not stop within " + STOP_GRACE.toSeconds()
                    + " s; ending the daemon");
            Runtime.getRuntime().halt(130);
        }
    }

    /** Why this daemon must not run the request; null when it may. */
    private String refusal(Request request) {
        if (!request.workingDirectory().equals(workingDirectory)) {
            return "it runs commands in " + workingDirectory + ", not " + request.workingDirectory();
        }
        if (!DaemonAddress.relevant(request.environment()).equals(environment)) {
            return "it was started with another environment";
        }
        return null;
    }

    private String describe() {
        long idleMinutes = Duration.between(lastActive, Instant.now()).toMinutes();
        return "pid " + ProcessHandle.current().pid() + "  " + workingDirectory + "  started "
                + STARTED_FORMAT.format(started)
                + "  " + served + (served == 1 ? " command" : " commands") + (busy.get() ? ", running one"
                : ", idle " + idleMinutes + " min") + "  heap " + (Runtime.getRuntime().totalMemory() >> 20) + " MiB\n";
    }

    private void startIdleWatch() {
        started(new Thread(() -> {
            while (true) {
                try {
                    TimeUnit.SECONDS.sleep(Math.min(60, Math.max(1, idleLimit.toSeconds() / 4)));
                } catch (InterruptedException e) {
                    return;
                }
                // Claimed as a command would claim it: a client that comes meanwhile is told the daemon is
                // busy, or finds it gone before STARTED; either way it runs its command itself.
                if (Duration.between(lastActive, Instant.now()).compareTo(idleLimit) >= 0 && busy.compareAndSet(false, true)) {
                    System.exit(0);
                }
            }
        }, "fahr-daemon-idle"), true);
    }

    private static Thread started(Thread thread, boolean daemon) {
        thread.setDaemon(daemon);
        thread.start();
        return thread;
    }

    private void removeSocket() {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the next client finds a dead socket and replaces it
        }
    }

    private static byte[] take(BlockingQueue<byte[]> frames) {
        while (true) {
            try {
                return frames.take();
            } catch (InterruptedException e) {
                // nothing interrupts this thread on purpose: keep relaying until the command has ended
            }
        }
    }

    /** A stream whose every write becomes one frame of {@code type}, queued for the client. */
    private static PrintStream frames(BlockingQueue<byte[]> queue, byte type) {
        OutputStream framed = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (len == 0) {
                    return;
                }
                ByteArrayOutputStream frame = new ByteArrayOutputStream(len + 5);
                try {
                    DaemonProtocol.writeFrame(new DataOutputStream(frame), type, b, off, len);
                } catch (IOException inMemory) {
                    throw new UncheckedIOException(inMemory);
                }
                queue.add(frame.toByteArray());
            }
        };
        return new PrintStream(framed, true, StandardCharsets.UTF_8);
    }
}
