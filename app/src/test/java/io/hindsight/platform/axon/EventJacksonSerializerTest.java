package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class EventJacksonSerializerTest {

    record Happened(String what, Instant at, List<Instant> also) {}

    private final JacksonSerializer axons =
            JacksonSerializer.builder().objectMapper(mapper()).build();
    private final EventJacksonSerializer ours =
            new EventJacksonSerializer(JacksonSerializer.builder().objectMapper(mapper()));

    private static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule());
    }

    @Test
    void readsEventsAndMetadataAsAxonsSerializerDoes() {
        Happened event = new Happened(
                "signed up",
                Instant.parse("2026-12-01T20:51:48.199Z"),
                List.of(
                        Instant.parse("2026-12-01T20:51:48Z"),
                        Instant.parse("2026-12-01T20:51:48.123456789Z"),
                        Instant.parse("1969-07-20T20:17:40.5Z")));
        SerializedObject<byte[]> stored = axons.serialize(event, byte[].class);
        assertThat(ours.<byte[], Happened>deserialize(stored))
                .isEqualTo(axons.<byte[], Happened>deserialize(stored))
                .isEqualTo(event);

        MetaData metadata = MetaData.from(Map.of("actorId", "a-1", "correlationId", "c-1", "attempt", 3));
        SerializedObject<byte[]> storedMetadata = axons.serialize(metadata, byte[].class);
        assertThat(ours.<byte[], MetaData>deserialize(storedMetadata))
                .isEqualTo(axons.<byte[], MetaData>deserialize(storedMetadata))
                .isEqualTo(metadata);
    }

    @Test
    void leavesInstantsOfAnyOtherShapeToJackson() {
        for (String at : List.of("\"2026-12-01T21:51:48.5+01:00\"", "\"+10000-01-01T00:00:00Z\"", "1733089908.5")) {
            SerializedObject<byte[]> stored = stored("{\"what\":\"x\",\"at\":" + at + ",\"also\":[]}");
            assertThat(ours.<byte[], Happened>deserialize(stored))
                    .as(at)
                    .isEqualTo(axons.<byte[], Happened>deserialize(stored));
        }
    }

    /** Axon's serializer registers its own metadata and time modules; these must still be the ones found. */
    @Test
    void readsMetadataAndInstantsWithItsOwnDeserializers() throws Exception {
        ObjectMapper mapper = ours.getObjectMapper();
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        for (Class<?> type : List.of(MetaData.class, Instant.class)) {
            assertThat(context.findRootValueDeserializer(mapper.constructType(type))
                            .getClass()
                            .getEnclosingClass())
                    .as(type.getSimpleName())
                    .isEqualTo(EventJacksonSerializer.class);
        }
    }

    enum Role {
        MEMBER,
        ADMIN,
        HOST,
        MERCHANT,
        PUBLISHER,
        AUDITOR
    }

    record RolesGiven(Set<Role> roles) {}

    /** A HashSet of enums iterates by identity hash: the same stored event read in one order in one JVM for all. */
    @Test
    void readsASetInItsStoredOrder() {
        for (String roles : List.of(
                "\"MEMBER\",\"HOST\"",
                "\"HOST\",\"MEMBER\"",
                "\"AUDITOR\",\"PUBLISHER\",\"ADMIN\",\"MERCHANT\",\"MEMBER\"",
                "\"MEMBER\",\"MERCHANT\",\"ADMIN\",\"PUBLISHER\",\"AUDITOR\"")) {
            RolesGiven read = ours.deserialize(stored(RolesGiven.class, "{\"roles\":[" + roles + "]}"));
            assertThat(read.roles().stream().map(role -> "\"" + role + "\""))
                    .as(roles)
                    .containsExactly(roles.split(","));
        }
    }

    @Test
    void resolvesEachKnownTypeOnceAndUnknownTypesAsAxonDoes() {
        SimpleSerializedType known = new SimpleSerializedType(Happened.class.getName(), null);
        assertThat(ours.classForType(known)).isEqualTo(Happened.class);
        assertThat(ours.classForType(known)).isEqualTo(Happened.class);
        SimpleSerializedType unknown = new SimpleSerializedType("io.hindsight.NoSuchEvent", null);
        assertThat(ours.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        assertThat(ours.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
    }

    private static SerializedObject<byte[]> stored(String json) {
        return stored(Happened.class, json);
    }

    private static SerializedObject<byte[]> stored(Class<?> type, String json) {
        return new SimpleSerializedObject<>(
                json.getBytes(StandardCharsets.UTF_8), byte[].class, new SimpleSerializedType(type.getName(), null));
    }
}
