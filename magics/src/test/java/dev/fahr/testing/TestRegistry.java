package dev.fahr.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;

import dev.fahr.internal.docker.DockerEngine;

/**
 * The password-protected registry scripts/with-services.sh starts, seen from the test's side: base images
 * pushed to it from the engine, a Docker config holding its login (as {@code docker login} writes one), its
 * manifests, and from its own request log, which blobs were uploaded.
 */
public final class TestRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The registry's access log: "PUT /v2/NAME/blobs/uploads/UUID?...digest=sha256:HEX HTTP/1.1" 201 (Docker
    // escapes the colon as %3A, Jib does not).
    private static final Pattern UPLOAD = Pattern.compile(
            "\"PUT /v2/(\\S+)/blobs/uploads/\\S*digest=sha256(?:%3A|:)([0-9a-f]{64})\\S* HTTP/1\\.1\" 201 ");

    private final Services services;
    private final Path log;

    private TestRegistry(Services services, Path log) {
        this.services = services;
        this.log = log;
    }

    public static TestRegistry require() {
        Services services = Services.require();
        String log = System.getenv("FAHR_TEST_REGISTRY_LOG");
        if (log == null || !Files.isRegularFile(Path.of(log))) {
            fail("this test reads the registry's request log (FAHR_TEST_REGISTRY_LOG is not set); " + Services.HOW_TO_RUN);
        }
        return new TestRegistry(services, Path.of(log));
    }

    public String host() {
        return services.registry();
    }

    /** Tags an image of the engine as {@code REGISTRY/name} and pushes it there; returns that reference. */
    public String push(String localImage, String name) throws InterruptedException {
        String reference = host() + "/" + name;
        int colon = reference.lastIndexOf(':');
        try (DockerEngine engine = Services.engine()) {
            engine.client().tagImageCmd(localImage, reference.substring(0, colon), reference.substring(colon + 1)).exec();
            engine.client().pushImageCmd(reference.substring(0, colon)).withTag(reference.substring(colon + 1))
                    .withAuthConfig(auth()).exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion();
        }
        return reference;
    }

    public AuthConfig auth() {
        return new AuthConfig().withUsername(services.registryUser()).withPassword(services.registryPassword())
                .withRegistryAddress("https://" + host());
    }

    /** Writes {@code home/.docker/config.json} with this registry's login, or a wrong one. */
    public Path dockerLogin(Path home, boolean rightPassword) throws IOException {
        String password = rightPassword ? services.registryPassword() : "not-the-password";
        String auth = Base64.getEncoder().encodeToString((services.registryUser() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        Path config = home.resolve(".docker/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"auths\": {\"" + host() + "\": {\"auth\": \"" + auth + "\"}}}");
        return config;
    }

    /** Where the request log ends now: {@link #uploadsSince} reads what comes after. */
    public long mark() throws IOException {
        return Files.size(log);
    }

    /** The digests of the blobs uploaded to {@code repository} since {@code mark}, in order. */
    public List<String> uploadsSince(long mark, String repository) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                StandardCharsets.UTF_8);
        List<String> digests = new ArrayList<>();
        Matcher m = UPLOAD.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(repository)) {
                digests.add("sha256:" + m.group(2));
            }
        }
        return digests;
    }

    /** The manifest of {@code repository:reference} (a tag or digest). */
    public JsonNode manifest(String repository, String reference) throws IOException, InterruptedException {
        return JSON.readTree(get("/v2/" + repository + "/manifests/" + reference,
                "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"));
    }

    /** A blob's bytes (a config, say). */
    public JsonNode configOf(String repository, JsonNode manifest) throws IOException, InterruptedException {
        return JSON.readTree(get("/v2/" + repository + "/blobs/" + manifest.at("/config/digest").asText(), "*/*"));
    }

    private byte[] get(String path, String accept) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((services.registryUser() + ":" + services.registryPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + host() + path))
                .header("Authorization", "Basic " + basic).header("Accept", accept).build();
        HttpResponse<byte[]> response = loopbackClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** The registry's certificate is self-signed for loopback; this client is for the test's own look only. */
    private static HttpClient loopbackClient() {
        return HttpClient.newBuilder().sslContext(LoopbackTls.trustingAnyCertificate())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }
}
