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

import dev.fahr.cli.client.ChannelStreams;

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
    private final boolean tls;
    private final java.util.concurrent.atomic.AtomicReference<FailingRequests> failing =
            new java.util.concurrent.atomic.AtomicReference<>();

    public FaultProxy(String upstreamHost, int upstreamPort) throws IOException {
        this(new InetSocketAddress(upstreamHost, upstreamPort));
    }

    private FaultProxy(java.net.SocketAddress upstream) throws IOException {
        this(upstream, null);
    }

    /** @param tls the server side's TLS, which also makes the proxy speak TLS to the service; null: plain */
    private FaultProxy(java.net.SocketAddress upstream, javax.net.ssl.SSLContext tls) throws IOException {
        this.upstream = upstream;
        this.tls = tls != null;
        this.server = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /**
     * A proxy in front of the services' HTTPS registry ({@code host:port}), presenting the registry's own
     * certificate: it sees requests in the clear, so it can fail one by its text. Docker and Jib accept an
     * unverified certificate from a registry on loopback, as they accept the registry's.
     */
    public static FaultProxy beforeTlsRegistry(String hostAndPort, Path certificatePem, Path keyPem)
            throws IOException, java.security.GeneralSecurityException {
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
        int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        return new FaultProxy(new InetSocketAddress(host, port), LoopbackTls.server(certificatePem, keyPem));
    }

    /** {@code 127.0.0.1:PORT}, as a registry host is written. */
    public String hostAndPort() {
        return "127.0.0.1:" + port();
    }

    /**
     * The next {@code times} requests whose text contains {@code marker} (say {@code "PATCH /v2/"}) are
     * answered with {@code status} by the proxy, on whichever connection they come, which is then closed.
     */
    public FaultProxy failRequests(String marker, int status, int times) {
        failing.set(new FailingRequests(marker, status, new AtomicInteger(times)));
        return this;
    }

    private record FailingRequests(String marker, int status, AtomicInteger left) {
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
        failing.set(null);
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
        if (tls) {
            InetSocketAddress address = (InetSocketAddress) upstream;
            try (Socket service = LoopbackTls.trustingAnyCertificate().getSocketFactory()
                    .createSocket(address.getHostString(), address.getPort())) {
                relay(client, service.getInputStream(), service.getOutputStream(), service, responseLimit);
            }
            return;
        }
        SocketChannel service = SocketChannel.open(upstream instanceof UnixDomainSocketAddress
                ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try (service) {
            service.connect(upstream);
            InputStream fromService = ChannelStreams.input(service);
            OutputStream toService = ChannelStreams.output(service);
            relay(client, fromService, toService, service, responseLimit);
        }
    }

    private void relay(Socket client, InputStream fromService, OutputStream toService, Closeable service,
                       long responseLimit) throws IOException {
        InputStream fromClient = client.getInputStream();
        OutputStream toClient = client.getOutputStream();
        // The answer's budget: unlimited, or responseLimit, or what a request's trigger sets from then on.
        java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(responseLimit);
        threads.execute(() -> pump(fromClient, toService, null,
                (buffer, n) -> intercept(buffer, n, toService, toClient, budget), client, service));
        pump(fromService, toClient, budget, (buffer, n) -> n, client, service);
    }

    /** What of a chunk of requests goes on to the service: all of it, or (-1) none, the proxy having answered. */
    @FunctionalInterface
    private interface Interceptor {
        int forward(byte[] buffer, int n) throws IOException;
    }

    private int intercept(byte[] buffer, int n, OutputStream toService, OutputStream toClient,
                          java.util.concurrent.atomic.AtomicLong budget) throws IOException {
        String chunk = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        watch(chunk, budget);
        FailingRequests rule = failing.get();
        int at = rule == null ? -1 : chunk.indexOf(rule.marker());
        if (at < 0 || rule.left().getAndUpdate(left -> Math.max(0, left - 1)) <= 0) {
            return n;
        }
        injected.incrementAndGet();
        toService.write(buffer, 0, at); // what came before this request on the connection
        toService.flush();
        String head = "HTTP/1.1 " + rule.status() + " " + reason(rule.status()) + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
        toClient.write(head.getBytes(StandardCharsets.US_ASCII));
        toClient.flush();
        return -1;
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
     * Copies {@code in} to {@code out} until the end, until {@code budget} (null: none) is spent or until the
     * interceptor answered in the service's place, then closes both ends.
     */
    private static void pump(InputStream in, OutputStream out, java.util.concurrent.atomic.AtomicLong budget,
                             Interceptor interceptor, Closeable... ends) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (budget == null || budget.get() > 0) && (n = in.read(buffer)) > 0; ) {
                n = interceptor.forward(buffer, n);
                if (n < 0) {
                    return;
                }
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
