package io.hindsight.platform.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.hindsight.common.PersonalData;
import io.hindsight.platform.privacy.PersonalDataCipher.Sealed;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores every {@link PersonalData} value of an event as {@code {"pd": keyId, "ct": ciphertext}} and reads
 * it back as the plain value, or as null (the erased marker) once its key is gone. Values stored in the
 * clear before encryption began read as they are until their subject is erased, and as null after. Only the
 * event serializer's mapper has this module: aggregates, folds, handlers and HTTP answers see plain values.
 */
public class PersonalDataModule extends SimpleModule {

    static final String KEY_ID = "pd";
    static final String CIPHERTEXT = "ct";

    /** Set on a reading's context when it read a personal value stored in the clear. */
    private static final String READ_IN_CLEAR = PersonalDataModule.class.getName() + ".readInClear";

    private final transient PersonalDataCipher cipher;
    private final transient PersonalDataKeys keys;
    private final transient ObjectMapper plain;
    private final boolean sealing;

    /**
     * {@code plain} writes and reads the values inside the ciphertext: a mapper without this module. Without
     * {@code sealing} new values are stored in the clear (only to measure what sealing costs, never in use).
     */
    public PersonalDataModule(PersonalDataCipher cipher, PersonalDataKeys keys, ObjectMapper plain, boolean sealing) {
        super("personal-data");
        this.cipher = cipher;
        this.keys = keys;
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
        context.addBeanDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return namesItsSubjects(description.getBeanClass())
                        ? new ClearValuesOfErasedSubjects(deserializer, description.getBeanClass())
                        : deserializer;
            }
        });
    }

    /** An event record holding personal fields together with the components naming whose they are. */
    private static boolean namesItsSubjects(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        List<PersonalFields.Field> fields = PersonalFields.fieldsOf(type);
        return !fields.isEmpty()
                && fields.stream()
                        .allMatch(field -> Arrays.stream(type.getRecordComponents())
                                .anyMatch(component -> component.getName().equals(field.subject())));
    }

    /**
     * An erased subject's values an older release stored in the clear read as null, as sealed ones do once their key
     * is gone. The stored bytes are never changed (the evidence chain covers them); every reading of them is. Only
     * events that held a value in the clear pay for the look-up, and the event is rebuilt only for an erased subject.
     */
    private final class ClearValuesOfErasedSubjects extends DelegatingDeserializer {
        private final Class<?> type;

        ClearValuesOfErasedSubjects(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ClearValuesOfErasedSubjects(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            // set only when a value in the clear was read, so a store without any pays one look-up per event
            Object outer = ctxt.getAttribute(READ_IN_CLEAR);
            if (outer != null) {
                ctxt.setAttribute(READ_IN_CLEAR, null);
            }
            Object event = super.deserialize(parser, ctxt);
            if (ctxt.getAttribute(READ_IN_CLEAR) == null) {
                if (outer != null) {
                    ctxt.setAttribute(READ_IN_CLEAR, outer);
                }
                return event;
            }
            return event == null ? null : withoutValuesOfErasedSubjects(event);
        }

        private Object withoutValuesOfErasedSubjects(Object event) throws IOException {
            List<PersonalFields.Field> erased = PersonalFields.fieldsOf(type).stream()
                    .filter(field -> {
                        // an older release's event may name no subject: nobody's data can be erased from it
                        Object subject = componentOf(event, field.subject());
                        return subject != null && keys.erased(subject.toString());
                    })
                    .toList();
            if (erased.isEmpty()) {
                return event;
            }
            ObjectNode tree = plain.valueToTree(event);
            for (PersonalFields.Field field : erased) {
                int last = field.path().lastIndexOf('.');
                JsonNode holder = last < 0
                        ? tree
                        : tree.at("/" + field.path().substring(0, last).replace('.', '/'));
                if (holder instanceof ObjectNode fields) {
                    fields.putNull(field.path().substring(last + 1));
                }
            }
            return plain.treeToValue(tree, type);
        }
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
                ctxt.setAttribute(READ_IN_CLEAR, Boolean.TRUE);
                return plain.readValue(parser, type);
            }
            JsonNode node = parser.readValueAsTree();
            if (!node.has(KEY_ID) || !node.has(CIPHERTEXT)) {
                ctxt.setAttribute(READ_IN_CLEAR, Boolean.TRUE);
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
        Object id = componentOf(event, component);
        if (id == null) {
            throw new IllegalStateException(
                    event.getClass().getSimpleName() + "." + component + " is null: whose personal data is it?");
        }
        return id.toString();
    }

    private static Object componentOf(Object event, String component) {
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
            return subject.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + event.getClass(), e);
        }
    }
}
