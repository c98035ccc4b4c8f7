package io.hindsight.benchmarks.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One HTTP/1.1 client (its own keep-alive connection) as a benchmark thread or the harness uses it. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI baseUri;

    public Http(URI baseUri) {
        this.baseUri = baseUri;
    }

    public HttpRequest get(String path, String accessToken) {
        return request(path, accessToken).GET().build();
    }

    public HttpRequest withJson(String method, String path, String accessToken, String json) {
        return request(path, accessToken)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest.Builder request(String path, String accessToken) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(baseUri.resolve(path)).timeout(TIMEOUT);
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        return builder;
    }

    /** Sends the request, reads the whole body, and fails unless the status is the expected one. */
    public byte[] exchange(HttpRequest request, int expectedStatus) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(
                    request.method() + " " + request.uri() + " answered " + response.statusCode() + " instead of "
                            + expectedStatus + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
