package dev.fahr.testing.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Speaks AWS's JSON 1.1 protocol on 127.0.0.1 ({@code POST /}, {@code X-Amz-Target: Prefix.Operation},
 * {@code application/x-amz-json-1.1}) for the services given, plus STS's query protocol when an STS
 * stand-in is given. Every request is validated against the service model before it is handled.
 *
 * <p>Test knobs: {@link #throttleNext} answers the next calls of an operation with ThrottlingException;
 * {@link #failAfterApplying} carries out a call and then answers 500, as a lost response would look;
 * {@link #calls} counts calls per operation.
 */
public final class AwsProtocolServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_11 = "application/x-amz-json-1.1";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "aws-protocol-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, JsonService> services = new ConcurrentHashMap<>();
    private final Map<String, RequestValidator> validators = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lostResponses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile FakeSts sts;
    private volatile FakeCloudWatch cloudWatch;
    private final RequestValidator cloudWatchValidator = new RequestValidator(FakeCloudWatch.MODEL);

    public AwsProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::exchange);
        server.setExecutor(executor);
        server.start();
    }

    public AwsProtocolServer register(JsonService service) {
        services.put(service.model().targetPrefix(), service);
        validators.put(service.model().targetPrefix(), new RequestValidator(service.model()));
        return this;
    }

    public AwsProtocolServer registerSts(FakeSts value) {
        this.sts = value;
        return this;
    }

    /** CloudWatch's GetMetricData, in the query protocol the SDK speaks to CloudWatch. */
    public AwsProtocolServer registerCloudWatch(FakeCloudWatch value) {
        this.cloudWatch = value;
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code count} calls of {@code operation} (e.g. "CreateTrainingJob") are throttled. */
    public void throttleNext(String operation, int count) {
        throttles.put(operation, new AtomicInteger(count));
    }

    /** The next {@code count} calls of {@code operation} take effect but answer HTTP 500. */
    public void failAfterApplying(String operation, int count) {
        lostResponses.put(operation, new AtomicInteger(count));
    }

    public int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    public void resetCalls() {
        calls.clear();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                error(exchange, new AwsServiceError("MissingAuthenticationTokenException",
                        "Missing Authentication Token", 400));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null) {
                queryProtocol(exchange, new String(body, StandardCharsets.UTF_8));
                return;
            }
            int dot = target.indexOf('.');
            JsonService service = dot < 0 ? null : services.get(target.substring(0, dot));
            String operation = dot < 0 ? target : target.substring(dot + 1);
            if (!"POST".equals(exchange.getRequestMethod()) || service == null
                    || !service.model().hasOperation(operation)) {
                error(exchange, new AwsServiceError("UnknownOperationException", "unknown operation " + target, 400));
                return;
            }
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (!contentType.startsWith(JSON_11)) {
                error(exchange, new AwsServiceError("SerializationException", "expected " + JSON_11, 400));
                return;
            }
            if (consume(throttles, operation)) {
                error(exchange, new AwsServiceError("ThrottlingException", "Rate exceeded", 400));
                return;
            }
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            List<String> errors = validators.get(service.model().targetPrefix()).validate(operation, request);
            if (!errors.isEmpty()) {
                error(exchange, AwsServiceError.validation(RequestValidator.message(errors)));
                return;
            }
            JsonNode response;
            try {
                response = service.handle(operation, request);
            } catch (AwsServiceError e) {
                error(exchange, e);
                return;
            }
            if (consume(lostResponses, operation)) {
                error(exchange, new AwsServiceError("InternalFailure", "response lost (test knob)", 500));
                return;
            }
            send(exchange, 200, JSON_11, JSON.writeValueAsBytes(response));
        } catch (RuntimeException e) {
            error(exchange, new AwsServiceError("InternalFailure", String.valueOf(e), 500));
        }
    }

    private void queryProtocol(HttpExchange exchange, String form) throws IOException {
        Map<String, String> params = QueryRequests.parseForm(form);
        String action = params.getOrDefault("Action", "");
        if (sts != null && action.equals("GetCallerIdentity")) {
            calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
            send(exchange, 200, "text/xml", sts.getCallerIdentityXml().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (cloudWatch == null || !action.equals("GetMetricData")) {
            queryError(exchange, new AwsServiceError("InvalidAction", "unsupported query action " + action, 400));
            return;
        }
        calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
        if (!"2010-08-01".equals(params.get("Version"))) {
            queryError(exchange, new AwsServiceError("InvalidParameterValue", "Version must be 2010-08-01", 400));
            return;
        }
        if (consume(throttles, action)) {
            queryError(exchange, new AwsServiceError("Throttling", "Rate exceeded", 400));
            return;
        }
        ObjectNode request = QueryRequests.decode(FakeCloudWatch.MODEL, action, params);
        List<String> errors = cloudWatchValidator.validate(action, request);
        if (!errors.isEmpty()) {
            queryError(exchange, new AwsServiceError("ValidationError", RequestValidator.message(errors), 400));
            return;
        }
        try {
            send(exchange, 200, "text/xml", cloudWatch.getMetricData(request).getBytes(StandardCharsets.UTF_8));
        } catch (AwsServiceError e) {
            queryError(exchange, e);
        }
    }

    /** The query protocol's error document. */
    private static void queryError(HttpExchange exchange, AwsServiceError error) throws IOException {
        String xml = "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                + "<Code>" + error.type() + "</Code><Message>" + error.getMessage().replace("&", "&amp;")
                .replace("<", "&lt;") + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        send(exchange, error.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean consume(Map<String, AtomicInteger> counters, String operation) {
        AtomicInteger left = counters.get(operation);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private static void error(HttpExchange exchange, AwsServiceError error) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        exchange.getResponseHeaders().add("x-amzn-ErrorType", error.type());
        send(exchange, error.status(), JSON_11, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
