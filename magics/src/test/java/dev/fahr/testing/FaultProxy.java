package dev.fahr.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;

import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real service (S3Proxy, the registry, the protocol test server)
 * that injects faults into the next connections: a response cut after some bytes, a stall, a reset, or an
 * HTTP error answered in the service's place. Faults are armed for a number of connections and then the
 * proxy passes traffic through again; a stall lasts at most {@link #STALL_LIMIT}, so every fault is
 * bounded in count and in time. Clients sign requests for the proxy's address (its Host header), so a
 * transparent copy of the bytes is what the service expects.
 */
public final class FaultProxy implements AutoCloseable {

    /** The longest a stalled connection is held before the proxy closes it. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private sealed interface Fault permits Cut, Stall, Reset, HttpError {
    }

    private record Cut(long afterBytes) implements Fault {
    }

    private record Stall() implements Fault {
    }

    private record Reset() implements Fault {
    }

    private record HttpError(int status, String contentType, String body, String headers) implements Fault {
    }

    /** Where traffic goes: a TCP address, or a Unix socket (the Docker engine's). */
    private final java.net.SocketAddress upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Fault> armed = new ArrayDeque<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Trigger> trigger =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean closed;

    public FaultProxy(String upstreamHost, int upstreamPort) throws IOException {
        this(new InetSocketAddress(upstreamHost, upstreamPort));
    }

    private FaultProxy(java.net.SocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /**
     * A proxy in front of a Docker engine's Unix socket ({@code unix:///path}), reached as
     * {@code tcp://127.0.0.1:PORT}: cutting it is what a client sees when the engine dies mid-call.
     */
    public static FaultProxy beforeUnixSocket(Path socket) throws IOException {
        return new FaultProxy(UnixDomainSocketAddress.of(socket));
    }

    /** A proxy in front of an {@code http://host:port} endpoint. */
    public static FaultProxy before(URI endpoint) throws IOException {
        return new FaultProxy(endpoint.getHost(), endpoint.getPort());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Once, on whichever connection a request containing {@code marker} (say {@code "/push"}) is sent, the
     * answer is cut {@code bytes} bytes later: for clients that reuse pooled connections, where "the next
     * connection" would miss the call.
     */
    public FaultProxy cutAnswerTo(String marker, long bytes) {
        trigger.set(new Trigger(marker, bytes));
        return this;
    }

    /** A one-shot cut armed by a request's text. */
    private record Trigger(String marker, long bytes) {
    }

    /** The next {@code times} connections see the service's answer cut after {@code bytes} bytes. */
    public synchronized FaultProxy cutAfter(long bytes, int times) {
        return arm(new Cut(bytes), times);
    }

    /** The next {@code times} connections are accepted and never answered (for at most {@link #STALL_LIMIT}). */
    public synchronized FaultProxy stall(int times) {
        return arm(new Stall(), times);
    }

    /** The next {@code times} connections are reset (TCP RST) once the request has arrived. */
    public synchronized FaultProxy reset(int times) {
        return arm(new Reset(), times);
    }

    /** The next {@code times} requests are answered with {@code status} by the proxy, on a closing connection. */
    public synchronized FaultProxy failWith(int status, String contentType, String body, int times) {
        return failWith(status, contentType, body, "", times);
    }

    /** As {@link #failWith(int, String, String, int)}, with extra header lines ({@code "X-Amzn-ErrorType: x\r\n"}). */
    public synchronized FaultProxy failWith(int status, String contentType, String body, String headers, int times) {
        return arm(new HttpError(status, contentType, body, headers), times);
    }

    /** No more faults: every later connection passes. */
    public synchronized void disarm() {
        armed.clear();
        trigger.set(null);
    }

    /** How many faults were injected so far. */
    public int injected() {
        return injected.get();
    }

    /** How many connections the proxy accepted so far. */
    public int connections() {
        return connections.get();
    }

    private FaultProxy arm(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            armed.add(fault);
        }
        return this;
    }

    private synchronized Fault next() {
        return armed.poll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Fault fault = next();
                if (fault != null) {
                    injected.incrementAndGet();
                }
                threads.execute(() -> serve(client, fault));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("fault proxy stopped accepting", e);
                }
            }
        }
    }

    private void serve(Socket client, Fault fault) {
        try (client) {
            if (fault instanceof Stall) {
                client.setSoTimeout((int) STALL_LIMIT.toMillis());
                try {
                    client.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException timedOut) {
                    // The bound is reached: the connection is closed.
                }
            } else if (fault instanceof Reset) {
                readRequest(client.getInputStream());
                client.setSoLinger(true, 0); // close() now sends RST
            } else if (fault instanceof HttpError error) {
                readRequest(client.getInputStream());
                byte[] body = error.body().getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 " + error.status() + " " + reason(error.status()) + "\r\n"
                        + "Content-Type: " + error.contentType() + "\r\n" + error.headers()
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                OutputStream out = client.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } else {
                relay(client, fault instanceof Cut cut ? cut.afterBytes() : Long.MAX_VALUE);
            }
        } catch (IOException e) {
            // A client or service that hangs up ends the connection: nothing to report.
        }
    }

    private void relay(Socket client, long responseLimit) throws IOException {
        SocketChannel service = SocketChannel.open(upstream instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try (service) {
            service.connect(upstream);
            // Channels.newInputStream would share one lock between reading and writing: plain reads and writes.
            InputStream fromService = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return service.read(ByteBuffer.wrap(b, off, len));
                }
            };
            OutputStream toService = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                    while (buffer.hasRemaining()) {
                        service.write(buffer);
                    }
                }
            };
            InputStream fromClient = client.getInputStream();
            // The answer's budget: unlimited, or responseLimit, or what a request's trigger sets from then on.
            java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(responseLimit);
            threads.execute(() -> pump(fromClient, toService, null, chunk -> watch(chunk, budget), client, service));
            pump(fromService, client.getOutputStream(), budget, chunk -> { }, client, service);
        }
    }

    /** Arms the trigger's cut on this connection when the request text carries its marker. */
    private void watch(String chunk, java.util.concurrent.atomic.AtomicLong budget) {
        Trigger armedTrigger = trigger.get();
        if (armedTrigger != null && chunk.contains(armedTrigger.marker()) && trigger.compareAndSet(armedTrigger, null)) {
            injected.incrementAndGet();
            budget.set(armedTrigger.bytes());
        }
    }

    /**
     * Copies {@code in} to {@code out} until the end or until {@code budget} (null: none) is spent, then closes
     * both ends; {@code seen} gets each chunk as text.
     */
    private static void pump(InputStream in, OutputStream out, java.util.concurrent.atomic.AtomicLong budget,
                             java.util.function.Consumer<String> seen, Closeable... ends) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (budget == null || budget.get() > 0) && (n = in.read(buffer)) > 0; ) {
                seen.accept(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int part = budget == null ? n : (int) Math.min(n, budget.get());
                out.write(buffer, 0, part);
                out.flush();
                if (budget != null && budget.get() != Long.MAX_VALUE) {
                    budget.addAndGet(-part);
                }
            }
        } catch (IOException e) {
            // One side hung up.
        } finally {
            for (Closeable end : ends) {
                try {
                    end.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }
    }

    /** Reads one request's head and, by its Content-Length, its body, so closing does not reset it. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()));
            }
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        threads.shutdownNow();
    }
}
