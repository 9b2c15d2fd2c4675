package dev.fahr.notebook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches the body of a Jupyter server's REST URL; replaceable so the locator can be tested. */
@FunctionalInterface
public interface SessionsFetcher {

    String get(URI uri) throws IOException;

    /** Plain HTTP GET with short timeouts: a stale runtime file must not hang the kernel. */
    static SessionsFetcher http(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        return uri -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri.getHost() + ":" + uri.getPort());
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking " + uri.getHost() + " for its sessions", e);
            }
        };
    }
}
