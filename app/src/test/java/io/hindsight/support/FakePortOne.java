package io.hindsight.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PortOne v1 REST API on loopback, over real HTTP: {@code POST /users/getToken} with the test key and secret,
 * {@code GET /payments/{imp_uid}} and {@code POST /payments/cancel} with the token in {@code Authorization}. Tests
 * record payments as the provider would hold them, and can make it answer 503 or drop connections.
 */
public final class FakePortOne {

    public static final String API_KEY = "test-imp-key";
    public static final String API_SECRET = "test-imp-secret";

    /** How the provider behaves. */
    public enum Mode {
        UP,
        SERVER_ERROR,
        UNREACHABLE,
        /** Payments answered 429, as under a quota an outsider's webhooks used up. */
        THROTTLED,
        /** Payments answered 200 with a maintenance page instead of JSON. */
        GARBLED,
        /** Every token refused (401 on payments), and a new one refused only after six seconds. */
        TOKENS_REFUSED_SLOWLY,
        /** Payments answered 200 with a JSON array, PortOne's envelope nowhere. */
        ARRAY_ANSWERS,
        /** Tokens issued with an {@code expired_at} past any instant (99999999999999999999). */
        TOKEN_EXPIRY_OUT_OF_RANGE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Payment> PAYMENTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CANCEL_REQUESTS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> TOKENS = new ConcurrentHashMap<>();
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    private static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    /** Payments whose cancellation PortOne refuses, with the message it answers (code 1, the payment stays paid). */
    private static final Map<String, String> CANCEL_REFUSALS = new ConcurrentHashMap<>();

    private static volatile Mode mode = Mode.UP;
    private static HttpServer server;

    private FakePortOne() {}

    public static synchronized String start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", FakePortOne::handle);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A payment the provider holds as paid for {@code merchantUid}; answers its imp_uid. */
    public static String paid(String merchantUid, long amount) {
        return payment(merchantUid, amount, "paid");
    }

    /** A payment PortOne holds as paid with an amount as given, e.g. a fraction or a number past {@code long}. */
    public static String paidExactly(String merchantUid, Number amount) {
        String impUid = "imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PAYMENTS.put(impUid, new Payment(impUid, merchantUid, amount, "paid", null, 0));
        return impUid;
    }

    public static String payment(String merchantUid, long amount, String status) {
        String impUid = "imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PAYMENTS.put(
                impUid,
                new Payment(impUid, merchantUid, amount, status, null, status.equals("cancelled") ? amount : 0));
        return impUid;
    }

    /** A paid payment in the given currency, as a multi-currency payment gateway records it. */
    public static String paidIn(String merchantUid, long amount, String currency) {
        String impUid = "imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PAYMENTS.put(impUid, new Payment(impUid, merchantUid, amount, "paid", currency, 0));
        return impUid;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PortOne cancels the whole payment on its own (a refund from its console, a chargeback). */
    public static void cancelledAtConsole(String impUid) {
        Payment payment = PAYMENTS.get(impUid);
        PAYMENTS.put(impUid, payment.cancelled(payment.amount().longValue()));
    }

    /** PortOne cancels part of the payment on its own: v1 keeps it {@code paid} with a {@code cancel_amount}. */
    public static void partlyCancelledAtConsole(String impUid, long cancelAmount) {
        Payment payment = PAYMENTS.get(impUid);
        PAYMENTS.put(
                impUid,
                new Payment(impUid, payment.merchantUid(), payment.amount(), "paid", payment.currency(), cancelAmount));
    }

    /** From now on PortOne, up, refuses to cancel the payment with {@code message}; {@code null} lets it cancel. */
    public static void refuseCancels(String impUid, String message) {
        if (message == null) {
            CANCEL_REFUSALS.remove(impUid);
        } else {
            CANCEL_REFUSALS.put(impUid, message);
        }
    }

    /** A payment PortOne holds as paid with a {@code cancel_amount} as given, e.g. 1E+1000000000 or 1E-1000000000. */
    public static String paidWithCancelAmount(String merchantUid, long amount, Number cancelAmount) {
        String impUid = "imp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PAYMENTS.put(impUid, new Payment(impUid, merchantUid, amount, "paid", null, cancelAmount));
        return impUid;
    }

    public static long cancelAmount(String impUid) {
        return PAYMENTS.get(impUid).cancelAmount().longValue();
    }

    /** Every token issued so far stops working, so the next call renews it. */
    public static void forgetTokens() {
        TOKENS.clear();
    }

    public static String status(String impUid) {
        return PAYMENTS.get(impUid).status();
    }

    public static int cancelRequests(String impUid) {
        return CANCEL_REQUESTS.getOrDefault(impUid, new AtomicInteger()).get();
    }

    /** Every token request, granted or refused. */
    public static int tokenRequests() {
        return TOKEN_REQUESTS.get();
    }

    public static int tokensIssued() {
        return TOKENS_ISSUED.get();
    }

    public static void mode(Mode newMode) {
        mode = newMode;
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try {
            if (mode == Mode.UNREACHABLE) {
                return;
            }
            if (mode == Mode.SERVER_ERROR) {
                respond(exchange, 503, Map.of("code", -1, "message", "maintenance"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (mode == Mode.TOKENS_REFUSED_SLOWLY) {
                if (path.equals("/users/getToken")) {
                    // the provider's slowness is the behaviour under test (past the client's 5 s read timeout), not a
                    // wait for anything
                    sleepQuietly(6_000);
                }
                respond(exchange, 401, Map.of("code", -1, "message", "Unauthorized"));
                return;
            }
            if (method.equals("GET") && path.startsWith("/payments/") && mode == Mode.THROTTLED) {
                respond(exchange, 429, Map.of("code", -1, "message", "Too Many Requests"));
                return;
            }
            if (method.equals("GET") && path.startsWith("/payments/") && mode == Mode.ARRAY_ANSWERS) {
                respond(exchange, 200, java.util.List.of());
                return;
            }
            if (method.equals("GET") && path.startsWith("/payments/") && mode == Mode.GARBLED) {
                byte[] page = "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
                return;
            }
            if (method.equals("POST") && path.equals("/users/getToken")) {
                token(exchange);
            } else if (!authorized(exchange)) {
                respond(exchange, 401, Map.of("code", -1, "message", "Unauthorized"));
            } else if (method.equals("GET") && path.startsWith("/payments/")) {
                Payment payment = PAYMENTS.get(path.substring("/payments/".length()));
                if (payment == null) {
                    respond(exchange, 404, Map.of("code", -1, "message", "존재하지 않는 결제정보입니다."));
                } else {
                    respond(exchange, 200, Map.of("code", 0, "response", payment.json()));
                }
            } else if (method.equals("POST") && path.equals("/payments/cancel")) {
                cancel(exchange);
            } else {
                respond(exchange, 404, Map.of("code", -1, "message", "no such API"));
            }
        } finally {
            exchange.close();
        }
    }

    private static void token(HttpExchange exchange) throws IOException {
        TOKEN_REQUESTS.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!API_KEY.equals(body.path("imp_key").asText())
                || !API_SECRET.equals(body.path("imp_secret").asText())) {
            respond(exchange, 401, Map.of("code", -1, "message", "imp_key, imp_secret 파라미터가 누락되었습니다."));
            return;
        }
        String token = "token-" + UUID.randomUUID();
        TOKENS.put(token, true);
        TOKENS_ISSUED.incrementAndGet();
        long now = Instant.now().getEpochSecond();
        Object expiredAt =
                mode == Mode.TOKEN_EXPIRY_OUT_OF_RANGE ? new java.math.BigInteger("99999999999999999999") : now + 1800;
        respond(
                exchange,
                200,
                Map.of("code", 0, "response", Map.of("access_token", token, "now", now, "expired_at", expiredAt)));
    }

    private static void cancel(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String impUid = body.path("imp_uid").asText();
        CANCEL_REQUESTS.computeIfAbsent(impUid, id -> new AtomicInteger()).incrementAndGet();
        Payment payment = PAYMENTS.get(impUid);
        if (payment == null) {
            respond(exchange, 200, Map.of("code", 1, "message", "취소할 결제건이 존재하지 않습니다."));
        } else if (payment.status().equals("cancelled")) {
            respond(exchange, 200, Map.of("code", 1, "message", "이미 전액취소된 주문입니다."));
        } else if (CANCEL_REFUSALS.containsKey(impUid)) {
            respond(exchange, 200, Map.of("code", 1, "message", CANCEL_REFUSALS.get(impUid)));
        } else {
            // without an amount PortOne v1 cancels what is left of the payment
            PAYMENTS.put(impUid, payment.cancelled(payment.amount().longValue()));
            respond(exchange, 200, Map.of("code", 0, "response", Map.of("imp_uid", impUid, "status", "cancelled")));
        }
    }

    private static boolean authorized(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("Authorization");
        return token != null && TOKENS.containsKey(token);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Payment(
            String impUid, String merchantUid, Number amount, String status, String currency, Number cancelAmount) {

        Payment cancelled(long total) {
            return new Payment(impUid, merchantUid, amount, "cancelled", currency, total);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("imp_uid", impUid);
            json.put("merchant_uid", merchantUid);
            json.put("amount", amount);
            json.put("status", status);
            json.put("cancel_amount", cancelAmount);
            json.put("pay_method", "card");
            if (currency != null) {
                json.put("currency", currency);
            }
            return json;
        }
    }
}
