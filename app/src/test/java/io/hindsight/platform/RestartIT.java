package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.platform.web.ConnectionDrain;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartIT {

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void stoppingAndStartingAgainKeepsEveryAccountAndSession() throws Exception {
        Path data = Files.createTempDirectory("hindsight-restart");
        String email = uniqueEmail("durable");
        String accountId;
        String refreshToken;
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            var signUp = client().body(Map.of("email", email, "password", "durable-pass", "name", "Durable"))
                    .post("/api/auth/signup");
            signUp.then().statusCode(201);
            accountId = signUp.path("accountId");
            refreshToken = signUp.path("refreshToken");
            // an open live stream no longer holds the graceful shutdown for its whole timeout
            String admin = client().body(
                            Map.of("email", IntegrationTest.ADMIN_EMAIL, "password", IntegrationTest.ADMIN_PASSWORD))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/events"))
                                    .header("Accept", "text/event-stream")
                                    .header("Authorization", "Bearer " + admin)
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            long stopping = System.nanoTime();
            app.close();
            // held by the stream, the stop took the shutdown phase's whole 20 s
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(14));
        }
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            client().body(Map.of("refreshToken", refreshToken))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(200);
            String token = client().body(Map.of("email", email, "password", "durable-pass"))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("accountId", equalTo(accountId))
                    .body("name", equalTo("Durable"));
        }
        // a node with another lookup secret than the rows were hashed with refuses to start, with or without a
        // bootstrap ADMIN to create; it had started healthy and answered every log-in and sign-up with a 500
        assertThatThrownBy(() -> StandaloneApp.start(
                        data,
                        "hindsight.bootstrap-admin.email=",
                        "hindsight.accounts.lookup-secret=" + "another-secret-".repeat(3)))
                .hasStackTraceContaining("lookup-secret");
    }

    /**
     * Behind a proxy that keeps connections alive, a stopping node first drains them: a command that arrives on a
     * kept-alive connection while it stops is answered, with {@code Connection: close}, instead of being refused by
     * Tomcat's graceful shutdown, which a proxy cannot send on to another node (a POST may have been applied).
     */
    @Test
    void aStoppingNodeAnswersACommandOnAKeptAliveConnectionAndClosesItInsteadOfRefusingIt() throws Exception {
        Path data = Files.createTempDirectory("hindsight-drain");
        try (StandaloneApp app = StandaloneApp.start(data, "hindsight.shutdown.drain=PT4S");
                Socket connection = new Socket("127.0.0.1", app.port())) {
            connection.setSoTimeout(15_000);
            String signUp = exchange(
                    connection,
                    "POST",
                    "/api/auth/signup",
                    null,
                    "{\"email\":\"" + uniqueEmail("drain") + "\",\"password\":\"drain-pass-1\",\"name\":\"Drain\"}");
            assertThat(signUp).startsWith("HTTP/1.1 201").doesNotContainIgnoringCase("connection: close");
            Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(signUp);
            assertThat(token.find()).isTrue();

            Thread stopping = new Thread(app::close);
            stopping.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.bean(ConnectionDrain.class).isDraining());
            String renamed = exchange(connection, "PATCH", "/api/me", token.group(1), "{\"name\":\"Drained\"}");
            assertThat(renamed).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
            assertThat(connection.getInputStream().read())
                    .as("closed after the answer")
                    .isEqualTo(-1);
            stopping.join(30_000);
        }
    }

    /** One HTTP/1.1 exchange on a connection the caller keeps: the head and the body of the answer. */
    private static String exchange(Socket connection, String method, String path, String bearer, String json)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Accept: application/json\r\n" + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        OutputStream out = connection.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = connection.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return answer.toString(StandardCharsets.UTF_8);
            }
            answer.write(next);
        }
        String headers = answer.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        if (length.find()) {
            answer.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            while (!answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                answer.write(next);
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
