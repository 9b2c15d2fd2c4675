package dev.fahr.testing.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECR's repository and login calls in front of a real registry (the local password-protected one): a
 * token is {@code base64("AWS:" + password)} and the proxy endpoint is the registry's address, as ECR's.
 */
public final class FakeEcr implements JsonService {

    private final java.util.concurrent.atomic.AtomicInteger expired = new java.util.concurrent.atomic.AtomicInteger();

    private static final ServiceModel MODEL = ServiceModel.load("ecr", "2015-09-21");

    private final String registryHost;
    private final String password;
    private final String account;
    private final Map<String, Instant> repositories = new ConcurrentHashMap<>();

    /** {@code registryHost} is {@code 127.0.0.1:PORT}. */
    public FakeEcr(String registryHost, String password, String account) {
        this.registryHost = registryHost;
        this.password = password;
        this.account = account;
    }

    public boolean hasRepository(String name) {
        return repositories.containsKey(name);
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeRepositories" -> describe(request);
            case "CreateRepository" -> create(request);
            case "GetAuthorizationToken" -> token();
            default -> throw new AwsServiceError("UnknownOperationException", operation + " is not faked", 400);
        };
    }

    private JsonNode describe(JsonNode request) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        var list = response.putArray("repositories");
        if (request.has("repositoryNames")) {
            for (JsonNode name : request.get("repositoryNames")) {
                if (!repositories.containsKey(name.asText())) {
                    throw new AwsServiceError("RepositoryNotFoundException", "The repository with name '"
                            + name.asText() + "' does not exist in the registry with id '" + account + "'", 400);
                }
                list.add(repository(name.asText()));
            }
        } else {
            repositories.keySet().stream().sorted().forEach(name -> list.add(repository(name)));
        }
        return response;
    }

    private JsonNode create(JsonNode request) {
        String name = request.get("repositoryName").asText();
        if (repositories.putIfAbsent(name, Instant.now()) != null) {
            throw new AwsServiceError("RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + account + "'", 400);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set("repository", repository(name));
        return response;
    }

    /**
     * The next token handed out is one the registry no longer takes, as an ECR token 12 h old: a push with
     * it is refused with 401 until a new token is asked for.
     */
    public void expireNextToken() {
        expired.incrementAndGet();
    }

    private JsonNode token() {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode data = response.putArray("authorizationData").addObject();
        boolean stale = expired.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        data.put("authorizationToken", Base64.getEncoder()
                .encodeToString(("AWS:" + (stale ? "expired-" + password : password)).getBytes(StandardCharsets.UTF_8)));
        data.put("expiresAt", Instant.now().plusSeconds(12 * 3600).getEpochSecond());
        data.put("proxyEndpoint", "https://" + registryHost);
        return response;
    }

    private ObjectNode repository(String name) {
        ObjectNode repository = JsonNodeFactory.instance.objectNode();
        repository.put("repositoryArn", "arn:aws:ecr:us-east-1:" + account + ":repository/" + name);
        repository.put("registryId", account);
        repository.put("repositoryName", name);
        repository.put("repositoryUri", registryHost + "/" + name);
        repository.put("createdAt", repositories.get(name).getEpochSecond());
        repository.put("imageTagMutability", "MUTABLE");
        return repository;
    }
}
