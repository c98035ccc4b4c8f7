package io.hindsight.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on loopback that answers like Kakao's {@code GET /v2/user/me}: a known access
 * token gets its user as JSON, anything else a 401; the tokens "down", "throttled" and "forbidden" get a
 * 500, 429 and 403.
 */
public final class FakeKakao {

    private static final Map<String, String> USERS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> FAILURES = Map.of("down", 500, "throttled", 429, "forbidden", 403);
    private static HttpServer server;

    private FakeKakao() {}

    public static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v2/user/me", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
                String body = USERS.get(token);
                int status = FAILURES.getOrDefault(token, body == null ? 401 : 200);
                byte[] bytes = (body == null ? "{\"msg\":\"this access token does not exist\",\"code\":-401}" : body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/user/me";
    }

    /** Registers a provider access token answered with exactly this user-info body. */
    public static void rawUser(String accessToken, String body) {
        USERS.put(accessToken, body);
    }

    /** Registers a provider access token for a Kakao user, optionally with a verified email. */
    public static void user(String accessToken, long kakaoId, String nickname, String verifiedEmail) {
        String account = verifiedEmail == null
                ? "{\"profile\":{\"nickname\":\"" + nickname + "\"}}"
                : "{\"profile\":{\"nickname\":\"" + nickname + "\"},\"email\":\"" + verifiedEmail
                        + "\",\"is_email_valid\":true,\"is_email_verified\":true}";
        USERS.put(
                accessToken,
                "{\"id\":" + kakaoId + ",\"connected_at\":\"2026-01-01T00:00:00Z\",\"kakao_account\":" + account + "}");
    }
}
