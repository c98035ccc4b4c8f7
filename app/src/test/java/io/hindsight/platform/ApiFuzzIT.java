package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.Api.Member;
import io.hindsight.support.ApiOperations;
import io.hindsight.support.ApiOperations.Call;
import io.hindsight.support.ApiOperations.Operation;
import io.hindsight.support.ApiOperations.Parameter;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every operation the API describes, sent well-formed and then with hostile bodies, fields, path variables and
 * query parameters: text with NULs, lone surrogates and control characters, huge text, SQL and JSON fragments,
 * numbers at and past their limits, values of the wrong type, broken and deeply nested JSON. Not one answer
 * may be a 5xx, every refusal is problem+json with a code, and afterwards every projection has caught up
 * with nothing parked. The seed is printed; {@code -Dfuzz.seed=...} repeats a run.
 */
class ApiFuzzIT extends IntegrationTest {

    private static final int VALUES_PER_FIELD = 6;
    private static final int THREADS = 4;
    private static final Set<String> ENDS_THE_SESSION = Set.of("DELETE /api/me", "POST /api/auth/logout");

    private static final List<Object> HOSTILE_VALUES = List.of(
            "",
            "   ",
            "\u0000",
            "a\u0000b",
            "\ud800",
            "x\udfff",
            "\ud83c\ud83c",
            "bell\u0007",
            "\u001b[31mred",
            "c1\u0085",
            "line\nbreak",
            "\u202eevil\u202c",
            "\ufeffbom",
            "\uffff",
            "🍪👨‍👩‍👧 김민아 مرحبا",
            "' OR '1'='1' --",
            "'; DROP TABLE account_credentials; --",
            "\"}]},{\"x\":",
            "\\",
            "%00%2F..%2F",
            "../../../etc/passwd",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "x".repeat(10_000),
            "9".repeat(400),
            "NaN",
            "-1",
            "2024-02-30",
            "9999-12-31T23:59:59Z",
            0,
            -1,
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            new BigInteger("2").pow(100),
            new BigInteger("-2").pow(101),
            1.5,
            1e308,
            -1e308,
            true,
            List.of(),
            List.of("x", 1),
            Map.of(),
            Map.of("nested", Map.of("deeper", List.of())));

    private static final List<String> HOSTILE_BODIES = List.of(
            "",
            "{}",
            "[]",
            "null",
            "\"text\"",
            "42",
            "{",
            "{\"a\":",
            "{\"a\":1,\"a\":2}",
            "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
            "{\"n\":1e999999}",
            "{\"n\":" + "9".repeat(5_000) + "}",
            "{\"s\":\"" + "x".repeat(70_000) + "\"}",
            "\ufeff{}",
            "{\"\\u0000\":1}",
            "{\"a\":\"\\ud800\"}");

    private static final List<String> HOSTILE_PATH_VALUES = List.of(
            UUID.randomUUID().toString(),
            "not-an-id",
            "0",
            "-1",
            "9223372036854775808",
            "%00",
            "%07",
            "%C2%85",
            "%ED%A0%80",
            "%F0%9F%8D%AA",
            "%27%20OR%201%3D1",
            "..%2F..%2Fadmin",
            "x".repeat(3_000),
            "%25");

    @Test
    void noHostileRequestToAnyOperationIsA5xxAndNothingIsParked() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzIT seed: " + seed + " (repeat with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        Member admin = api.admin();
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);

        Member fuzzer = api.withRoles("Fuzzer", "ADMIN", "HOST", "MERCHANT", "PUBLISHER", "AUDITOR");
        ApiOperations described = ApiOperations.fromRunningApi();
        List<Operation> operations = described.all();
        assertThat(operations).hasSizeGreaterThan(40);
        RestAssuredConfig bounded = RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 10_000)
                        .setParam("http.socket.timeout", 20_000));
        createSomethingOfEachKind(operations, described, fuzzer, bounded);

        List<Call> probes = new ArrayList<>();
        for (Operation operation : operations) {
            probes.addAll(probesOf(operation, described, random));
        }
        Collections.shuffle(probes, random);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Call probe : probes) {
                done.add(workers.submit(() -> {
                    String token = ENDS_THE_SESSION.contains(probe.operation().toString())
                            ? api.signUp("Fuzzed Away").accessToken()
                            : fuzzer.accessToken();
                    check(probe, probe.send(token, bounded), failures);
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }
        System.out.println("ApiFuzzIT sent " + probes.size() + " requests to " + operations.size() + " operations");

        assertThat(failures)
                .as("answers that were server errors or not problem+json")
                .isEmpty();
        Projections.awaitAllCaughtUp(admin);
        assertThat(Projections.deadLetters(admin))
                .as("events parked by the fuzz")
                .isEqualTo(deadLettersBefore);
    }

    /**
     * Sends each creating operation well-formed, twice over (an order needs a snack first), so that the probes
     * reach objects that exist: the ids they answer with are used for fields and path variables of that name.
     */
    private static void createSomethingOfEachKind(
            List<Operation> operations, ApiOperations described, Member fuzzer, RestAssuredConfig config) {
        for (int pass = 0; pass < 2; pass++) {
            for (Operation operation : operations) {
                if (!operation.method().equals("POST")
                        || !operation.pathParameters().isEmpty()
                        || ENDS_THE_SESSION.contains(operation.toString())) {
                    continue;
                }
                Response response = described.wellFormed(operation).send(fuzzer.accessToken(), config);
                if (response.statusCode() / 100 == 2
                        && String.valueOf(response.contentType()).contains("json")
                        && response.path("") instanceof Map<?, ?> fields) {
                    fields.forEach((name, value) -> {
                        if (String.valueOf(name).endsWith("Id") && value instanceof String id) {
                            described.know(String.valueOf(name), id);
                        }
                    });
                }
            }
        }
    }

    private static List<Call> probesOf(Operation operation, ApiOperations described, Random random) {
        Call wellFormed = described.wellFormed(operation);
        Map<String, String> path = wellFormed.path();
        Map<String, String> query = wellFormed.query();
        String baseline = wellFormed.body();
        Supplier<Object> fresh = () -> described.sample(operation.body(), "body");

        List<Call> probes = new ArrayList<>();
        probes.add(wellFormed);
        if (operation.body() != null) {
            for (List<Object> field : leaves(fresh.get(), new ArrayList<>())) {
                for (Object value : pick(HOSTILE_VALUES, VALUES_PER_FIELD, random)) {
                    Object body = replaced(fresh.get(), field, value);
                    probes.add(new Call(
                            operation,
                            "field " + field + " = " + describe(value),
                            path,
                            query,
                            ApiOperations.json(body)));
                }
            }
            for (String hostile : HOSTILE_BODIES) {
                probes.add(new Call(operation, "body " + describe(hostile), path, query, hostile));
            }
        }
        for (String name : path.keySet()) {
            for (String hostile : pick(HOSTILE_PATH_VALUES, 5, random)) {
                Map<String, String> mutated = new LinkedHashMap<>(path);
                mutated.put(name, hostile);
                probes.add(new Call(operation, "path " + name + " = " + describe(hostile), mutated, query, baseline));
            }
        }
        for (Parameter parameter : operation.queryParameters()) {
            for (Object value : pick(HOSTILE_VALUES, 5, random)) {
                Map<String, String> mutated = new LinkedHashMap<>(query);
                mutated.put(parameter.name(), ApiOperations.urlEncoded(value));
                probes.add(new Call(
                        operation, "query " + parameter.name() + " = " + describe(value), path, mutated, baseline));
            }
            Map<String, String> raw = new LinkedHashMap<>(query);
            raw.put(parameter.name(), "%00%07%ED%A0%80");
            probes.add(new Call(operation, "query " + parameter.name() + " raw bytes", path, raw, baseline));
        }
        return probes;
    }

    private static void check(Call probe, Response response, ConcurrentLinkedQueue<String> failures) {
        int status = response.statusCode();
        String contentType = String.valueOf(response.contentType());
        boolean fine = status < 500
                && (status < 400
                        || contentType.startsWith("application/problem+json") && response.path("code") != null);
        if (!fine) {
            String answer = response.asString();
            failures.add(probe + " -> " + status + " " + contentType + " "
                    + answer.substring(0, Math.min(300, answer.length())));
        }
    }

    /** The paths (property names and list indexes) to every value in a sample body. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> leaves(Object node, List<Object> at) {
        List<List<Object>> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            if (!at.isEmpty()) {
                found.add(at);
            }
            ((Map<String, Object>) map).forEach((key, value) -> found.addAll(leaves(value, append(at, key))));
        } else if (node instanceof List<?> list) {
            found.add(at);
            for (int i = 0; i < list.size(); i++) {
                found.addAll(leaves(list.get(i), append(at, i)));
            }
        } else {
            found.add(at);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Object replaced(Object node, List<Object> at, Object value) {
        if (at.isEmpty()) {
            return value;
        }
        Object step = at.get(0);
        List<Object> rest = at.subList(1, at.size());
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.put((String) step, replaced(copy.get(step), rest, value));
            return copy;
        }
        List<Object> copy = new ArrayList<>((List<Object>) node);
        copy.set((Integer) step, replaced(copy.get((Integer) step), rest, value));
        return copy;
    }

    private static List<Object> append(List<Object> at, Object step) {
        List<Object> longer = new ArrayList<>(at);
        longer.add(step);
        return longer;
    }

    private static <T> List<T> pick(List<T> values, int count, Random random) {
        List<T> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        StringBuilder printable = new StringBuilder();
        text.codePoints()
                .limit(40)
                .forEach(c -> printable.append(
                        c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c)
                                ? String.format("\\u%04x", c)
                                : new String(Character.toChars(c))));
        return (value instanceof String ? "\"" + printable + "\"" : printable.toString())
                + (text.length() > 40 ? "... (" + text.length() + " chars)" : "");
    }
}
