package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Clients that send a request's headers and then too little of its body: 200 such connections held every request
 * thread of the server for a minute, health checks included.
 */
class SlowBodyIT extends IntegrationTest {

    private static final int PER_CLIENT = 50;
    private static final int TOTAL = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHOLE_BODY = "{\"imp_uid\":\"imp_1\",\"merchant_uid\":\"m\"}";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** More stalled connections from one client than the server has threads: the server goes on answering. */
    @Test
    void cannotHoldMoreThanItsShareOfTheServerBySendingBodiesSlowly() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                stalled.add(stall(null));
            }
            awaitAnswered(stalled, 250 - PER_CLIENT);

            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            HttpResponse<String> another = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/payments/webhook"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .header("X-Forwarded-For", "10.0.1.1")
                            .POST(HttpRequest.BodyPublishers.ofString(WHOLE_BODY))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(another.statusCode())
                    .as("another client, whose body came after its headers: %s", another.body())
                    .isNotIn(429, 503);
            try (Socket sameClient = send(null, WHOLE_BODY.length(), WHOLE_BODY)) {
                assertThat(Answer.read(sameClient).status())
                        .as("the same client, with the body sent whole with its headers")
                        .isNotIn(429, 503);
            }

            List<Socket> waiting = new ArrayList<>();
            for (Socket socket : stalled) {
                if (socket.getInputStream().available() == 0) {
                    waiting.add(socket);
                    continue;
                }
                Answer answer = Answer.read(socket);
                assertThat(answer.status()).isEqualTo(429);
                assertThat(answer.headers()).containsEntry("retry-after", "1");
                assertThat(answer.code()).isEqualTo("RATE_LIMITED");
            }
            assertThat(waiting).hasSize(PER_CLIENT);

            for (Socket socket : waiting) {
                Answer answer = Answer.read(socket);
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
                assertThat(answer.code()).isEqualTo("REQUEST_TIMEOUT");
            }
        } finally {
            closeAll(stalled);
        }
    }

    /** Many clients together take at most the total share; a client's share is back once its reads are over. */
    @Test
    void cannotHoldTheWholeServerFromManyAddressesEither() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int client = 1; client <= 4; client++) {
                for (int i = 0; i < PER_CLIENT; i++) {
                    stalled.add(stall("10.0.0." + client));
                }
            }
            awaitAnswered(stalled, 4 * PER_CLIENT - TOTAL);

            assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            int busy = 0;
            for (Socket socket : stalled) {
                if (socket.getInputStream().available() > 0) {
                    Answer answer = Answer.read(socket);
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.code()).isEqualTo("SERVER_BUSY");
                    busy++;
                }
            }
            assertThat(busy).isEqualTo(4 * PER_CLIENT - TOTAL);
        } finally {
            closeAll(stalled);
        }

        Socket again = stall("10.0.0.1");
        try {
            // nothing to wait for: a refusal would have come at once
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> again.getInputStream().available() == 0);
        } finally {
            again.close();
        }
    }

    /** Refusals come at once; the waiting connections stay unanswered until their read times out. */
    private static void awaitAnswered(List<Socket> sockets, int refused) {
        await().atMost(Duration.ofSeconds(8)).until(() -> {
            int answered = 0;
            for (Socket socket : sockets) {
                answered += socket.getInputStream().available() > 0 ? 1 : 0;
            }
            return answered == refused;
        });
    }

    private Socket stall(String forwardedFor) throws IOException {
        return send(forwardedFor, 100, "{\"imp_uid\":");
    }

    /** A request whose headers and body (all of it or only its start) go out in one write. */
    private Socket send(String forwardedFor, int contentLength, String body) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        String request = "POST /api/payments/webhook HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n")
                + "\r\n"
                + body;
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
    }

    /** One HTTP/1.1 response with a length, read off the socket. */
    private record Answer(int status, Map<String, String> headers, JsonNode body) {

        String code() {
            return body.path("code").asText();
        }

        static Answer read(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, JSON.readTree(body));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed in the middle of an answer");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
