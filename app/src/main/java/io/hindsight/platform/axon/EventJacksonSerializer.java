package io.hindsight.platform.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.hindsight.common.UtcInstants;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer for events, without three costs it pays for every event it reads (each measured in a
 * profile of a verified replay, together about a third of the time spent deserializing): it resolves a stored
 * type name to its class by {@code Class.forName} each time - here once per name; its metadata deserializer looks
 * up the deserializer of a metadata map each time - here once; and instants go through the general ISO parser -
 * here the one shape events hold is read by {@link UtcInstants}, any other by Jackson's own deserializer.
 */
public final class EventJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    public EventJacksonSerializer(Builder builder) {
        super(builder);
        // After the constructor's own module, so that these deserializers are the ones Jackson finds first.
        getObjectMapper()
                .registerModule(new SimpleModule("hindsight-event-reading")
                        .addDeserializer(MetaData.class, new MetaDataReader())
                        .addDeserializer(Instant.class, new UtcInstantReader()))
                .registerModule(SetsInStoredOrder.module());
    }

    /** Unknown names are not kept: a class that is missing now is looked up again (and Axon caches the miss). */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }

    /** Axon's {@code MetaDataDeserializer}, with the map's deserializer found when this one is resolved. */
    private static final class MetaDataReader extends StdDeserializer<MetaData> implements ResolvableDeserializer {

        private transient JsonDeserializer<Object> map;

        MetaDataReader() {
            super(MetaData.class);
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            map = context.findRootValueDeserializer(
                    context.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return MetaData.from((Map<String, ?>) map.deserialize(parser, context, new HashMap<>()));
        }

        @Override
        public Object deserializeWithType(
                JsonParser parser, DeserializationContext context, TypeDeserializer typeDeserializer)
                throws IOException {
            return typeDeserializer.deserializeTypedFromObject(parser, context);
        }
    }

    /**
     * Instants written as {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} read digit by digit; anything else - and any
     * property with a format of its own - by Jackson's {@link InstantDeserializer}.
     */
    private static final class UtcInstantReader extends StdDeserializer<Instant> implements ContextualDeserializer {

        private static final InstantDeserializer<Instant> GENERAL = InstantDeserializer.INSTANT;

        UtcInstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = UtcInstants.parseOrNull(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return GENERAL.deserialize(parser, context);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            if (property != null
                    && property.findPropertyFormat(context.getConfig(), Instant.class)
                            .hasPattern()) {
                return GENERAL.createContextual(context, property);
            }
            return this;
        }
    }
}
