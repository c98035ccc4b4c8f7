package io.hindsight.support;

import static io.hindsight.support.IntegrationTest.client;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Every operation of the running API, read from its own {@code /v3/api-docs}, and requests that are
 * well-formed for it: a body with every property the schema names, path variables and query parameters
 * of the declared types, ids of objects that exist where the test made some known. Tests derive hostile
 * variants from these and send them all.
 */
public final class ApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final Map<String, String> knownIds = new java.util.concurrent.ConcurrentHashMap<>();

    private ApiOperations(JsonNode document) {
        this.document = document;
    }

    /** From now on, a field or parameter of this name gets this id instead of a random one. */
    public void know(String name, String id) {
        knownIds.put(name, id);
    }

    public static ApiOperations fromRunningApi() {
        try {
            return new ApiOperations(JSON.readTree(client().get("/v3/api-docs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read /v3/api-docs", e);
        }
    }

    /** Every operation. */
    public List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<Parameter> pathParameters = new ArrayList<>();
                List<Parameter> queryParameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    Parameter p = new Parameter(
                            parameter.path("name").asText(),
                            resolve(parameter.path("schema")),
                            parameter.path("required").asBoolean(false));
                    if ("path".equals(parameter.path("in").asText())) {
                        pathParameters.add(p);
                    } else if ("query".equals(parameter.path("in").asText())) {
                        queryParameters.add(p);
                    }
                }
                JsonNode body = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        method.toUpperCase(Locale.ROOT),
                        path.getKey(),
                        pathParameters,
                        queryParameters,
                        body.isMissingNode() ? null : resolve(body)));
            }
        }
        return operations;
    }

    /** A value the schema accepts, named {@code name} where that tells what it is. */
    public Object sample(JsonNode schema, String name) {
        return sample(resolve(schema), name, 0);
    }

    private Object sample(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema.has("enum") && !schema.path("enum").isEmpty()) {
            return JSON.convertValue(schema.path("enum").get(0), Object.class);
        }
        for (String combined : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(combined) && !schema.path(combined).isEmpty()) {
                return sample(schema.path(combined).get(0), name, depth);
            }
        }
        return switch (typeOf(schema)) {
            case "integer", "number" -> number(schema);
            case "boolean" -> Boolean.TRUE;
            case "array" -> depth > 4 ? List.of() : List.of(sample(schema.path("items"), singular(name), depth + 1));
            case "object" -> depth > 4 ? Map.of() : object(schema, depth);
            default -> text(schema, name);
        };
    }

    private Map<String, Object> object(JsonNode schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> properties =
                        schema.path("properties").fields();
                properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            object.put(property.getKey(), sample(property.getValue(), property.getKey(), depth + 1));
        }
        JsonNode additional = schema.path("additionalProperties");
        if (object.isEmpty() && additional.isObject()) {
            object.put("key", sample(additional, "value", depth + 1));
        }
        return object;
    }

    private static Object number(JsonNode schema) {
        long value = schema.has("minimum") ? Math.max(1, schema.path("minimum").asLong()) : 1;
        if (schema.has("maximum")) {
            value = Math.min(value, schema.path("maximum").asLong());
        }
        return value;
    }

    private Object text(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        String value;
        String known = knownIds.get(name);
        if (known == null && name.endsWith("Ids")) {
            known = knownIds.get(singular(name));
        }
        if (known != null) {
            value = known;
        } else if (format.equals("date")) {
            value = LocalDate.now().plusDays(30).toString();
        } else if (format.equals("date-time")) {
            value = Instant.now().toString();
        } else if (format.equals("uuid") || name.endsWith("Id") || name.equals("id")) {
            value = UUID.randomUUID().toString();
        } else if (format.equals("email") || name.toLowerCase(Locale.ROOT).contains("email")) {
            value = Api.uniqueEmail("fuzz");
        } else if (name.toLowerCase(Locale.ROOT).contains("password")) {
            value = "password-" + UUID.randomUUID().toString().substring(0, 8);
        } else if (format.equals("uri") || name.toLowerCase(Locale.ROOT).contains("url")) {
            value = "https://img.hindsight.test/" + UUID.randomUUID() + ".png";
        } else if (name.equals("currency")) {
            value = "KRW";
        } else {
            value = "Fuzz " + UUID.randomUUID().toString().substring(0, 8);
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return value.length() > max ? value.substring(0, Math.max(1, max)) : value;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode t : type) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema.has("$ref") && hops++ < 10) {
            String ref = schema.path("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        return schema;
    }

    /** The operation called the way it expects: every property and required parameter given a fitting value. */
    public Call wellFormed(Operation operation) {
        Map<String, String> path = new LinkedHashMap<>();
        operation.pathParameters().forEach(p -> path.put(p.name(), urlEncoded(sample(p.schema(), p.name()))));
        Map<String, String> query = new LinkedHashMap<>();
        operation.queryParameters().stream()
                .filter(Parameter::required)
                .forEach(p -> query.put(p.name(), urlEncoded(sample(p.schema(), p.name()))));
        return new Call(
                operation,
                "well-formed",
                path,
                query,
                operation.body() == null ? null : json(sample(operation.body(), "body")));
    }

    public static String urlEncoded(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    /** JSON with everything beyond ASCII escaped, so that even a lone surrogate reaches the server as sent. */
    public static String json(Object value) {
        try {
            return ESCAPING.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One call of an operation: path variables and query parameters as they go into the URL, and the body. */
    public record Call(
            Operation operation, String what, Map<String, String> path, Map<String, String> query, String body) {

        public Response send(String accessToken, RestAssuredConfig config) {
            String uri = operation.path();
            for (Map.Entry<String, String> variable : path.entrySet()) {
                uri = uri.replace("{" + variable.getKey() + "}", variable.getValue());
            }
            StringBuilder url = new StringBuilder(uri);
            query.forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&')
                    .append(name)
                    .append('=')
                    .append(value));
            RequestSpecification request = given().config(config)
                    .urlEncodingEnabled(false)
                    .header("X-Forwarded-For", IntegrationTest.randomClientAddress())
                    .header("Authorization", "Bearer " + accessToken)
                    .accept("application/json")
                    .contentType("application/json");
            if (body != null) {
                request.body(body.getBytes(StandardCharsets.UTF_8));
            }
            return request.request(operation.method(), url.toString());
        }

        @Override
        public String toString() {
            return operation + " [" + what + "]";
        }
    }

    /** One path or query parameter. */
    public record Parameter(String name, JsonNode schema, boolean required) {}

    /** One operation: method, path template, its parameters and its JSON body schema (null: none). */
    public record Operation(
            String method,
            String path,
            List<Parameter> pathParameters,
            List<Parameter> queryParameters,
            JsonNode body) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
