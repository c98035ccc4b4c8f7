package io.hindsight.platform.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.hindsight.common.PersonalData;
import io.hindsight.platform.privacy.PersonalDataCipher.Sealed;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores every {@link PersonalData} value of an event as {@code {"pd": keyId, "ct": ciphertext}} and reads
 * it back as the plain value, or as null (the erased marker) once its key is gone. Values stored in the
 * clear before encryption began read as they are. Only the event serializer's mapper has this module:
 * aggregates, folds, handlers and HTTP answers see plain values.
 */
public class PersonalDataModule extends SimpleModule {

    static final String KEY_ID = "pd";
    static final String CIPHERTEXT = "ct";

    private final transient PersonalDataCipher cipher;
    private final transient ObjectMapper plain;
    private final boolean sealing;

    /**
     * {@code plain} writes and reads the values inside the ciphertext: a mapper without this module. Without
     * {@code sealing} new values are stored in the clear (only to measure what sealing costs, never in use).
     */
    public PersonalDataModule(PersonalDataCipher cipher, ObjectMapper plain, boolean sealing) {
        super("personal-data");
        this.cipher = cipher;
        this.plain = plain;
        this.sealing = sealing;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new NopAnnotationIntrospector() {
            @Override
            public Object findSerializer(Annotated annotated) {
                PersonalData personal = annotated.getAnnotation(PersonalData.class);
                return personal == null || !sealing ? null : new Sealing(personal.subject());
            }

            @Override
            public Object findDeserializer(Annotated annotated) {
                return annotated.hasAnnotation(PersonalData.class) ? new Opening(null) : null;
            }
        });
    }

    private final class Sealing extends StdSerializer<Object> {
        private final String subjectComponent;

        Sealing(String subjectComponent) {
            super(Object.class);
            this.subjectComponent = subjectComponent;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Object event = outermostValue(gen.getOutputContext());
            Optional<Sealed> sealed = cipher.seal(subjectOf(event, subjectComponent), plain.writeValueAsBytes(value));
            if (sealed.isEmpty()) {
                gen.writeNull();
                return;
            }
            gen.writeStartObject();
            gen.writeStringField(KEY_ID, sealed.get().keyId());
            gen.writeStringField(CIPHERTEXT, sealed.get().ciphertext());
            gen.writeEndObject();
        }
    }

    private final class Opening extends StdDeserializer<Object> implements ContextualDeserializer {
        private final JavaType type;

        Opening(JavaType type) {
            super(Object.class);
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Opening(property == null ? ctxt.getContextualType() : property.getType());
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return plain.readValue(parser, type);
            }
            JsonNode node = parser.readValueAsTree();
            if (!node.has(KEY_ID) || !node.has(CIPHERTEXT)) {
                return plain.treeToValue(node, type);
            }
            Optional<byte[]> value = cipher.open(
                    new Sealed(node.get(KEY_ID).asText(), node.get(CIPHERTEXT).asText()));
            return value.isEmpty() ? null : plain.readValue(value.get(), type);
        }
    }

    private static Object outermostValue(JsonStreamContext context) {
        Object outermost = null;
        for (JsonStreamContext level = context; level != null; level = level.getParent()) {
            if (level.getCurrentValue() != null) {
                outermost = level.getCurrentValue();
            }
        }
        return outermost;
    }

    private static final Map<Class<?>, Map<String, RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

    private static String subjectOf(Object event, String component) {
        if (event == null || !event.getClass().isRecord()) {
            throw new IllegalStateException("Personal data must be stored inside an event record");
        }
        RecordComponent subject = COMPONENTS
                .computeIfAbsent(event.getClass(), type -> {
                    Map<String, RecordComponent> byName = new ConcurrentHashMap<>();
                    Arrays.stream(type.getRecordComponents()).forEach(c -> byName.put(c.getName(), c));
                    return byName;
                })
                .get(component);
        if (subject == null) {
            throw new IllegalStateException(event.getClass().getSimpleName() + " has no component " + component
                    + " naming whose data it holds");
        }
        try {
            Object id = subject.getAccessor().invoke(event);
            if (id == null) {
                throw new IllegalStateException(
                        event.getClass().getSimpleName() + "." + component + " is null: whose personal data is it?");
            }
            return id.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + event.getClass(), e);
        }
    }
}
