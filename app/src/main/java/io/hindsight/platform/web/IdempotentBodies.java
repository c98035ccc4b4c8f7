package io.hindsight.platform.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * What a repeated request's body must match for an {@code Idempotency-Key}: a JSON body compared as the JSON it
 * says - whitespace, key order and escapes aside - since a client retrying from another process or library writes the
 * same request in other bytes. Values are compared as written ({@code 10} and {@code 10.0} differ), and a body that
 * is not strict JSON (a key twice, anything after the value) is compared byte for byte, so it never matches a
 * different, valid request that the handler would answer otherwise.
 */
final class IdempotentBodies {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private IdempotentBodies() {}

    static byte[] comparable(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return body;
        }
        try {
            return CANONICAL.writeValueAsBytes(CANONICAL.readValue(body, Object.class));
        } catch (IOException notStrictJson) {
            return body;
        }
    }
}
