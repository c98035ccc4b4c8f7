package io.hindsight.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.common.Text;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyEditorSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one edge where what a client sends is read, strictly. {@link Text}'s rule applies to every string of every
 * JSON request body (fields, list elements, map keys) as Jackson reads it, and to every query parameter and path
 * variable before the handler runs: refused text is a 400 {@code INVALID_TEXT}; request records need nothing
 * for it, except {@link MultilineText} on long texts that may hold line breaks. A body is UTF-8 JSON of the
 * request's shape or a 400 {@code MALFORMED_REQUEST}: no key twice, nothing after the value, no number where text
 * belongs or text where a number or boolean does, no fraction where a whole number does, no number for an enum, a
 * time only as ISO-8601 text. An instant or a day in a query parameter ({@code asOf}, {@code knownAt}, {@code date}, {@code
 * from}) lies within the years 1 to 9999, and a whole number there is ASCII digits.
 *
 * <p>Only Spring MVC's message converter reads with this mapper: events and messages that are already stored are
 * read by Axon's own mapper, so an old event is never refused, and HTTP clients read what servers answer as it
 * is.
 */
@Configuration(proxyBeanMethods = false)
public class ClientInput implements WebMvcConfigurer {

    static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Request bodies only: HTTP clients (a provider's answers) keep the application's own converter. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter json
                ? new JsonAnswers(strict(json.getObjectMapper().copy()))
                : converter);
    }

    /**
     * Writes {@code application/problem+json} for a problem only. Jackson's converter writes any object as any
     * {@code application/*+json}, so a success asked for with {@code Accept: application/problem+json} alone was
     * labelled a problem; now no answer of that type is offered for it, and Spring answers 406 as for any other type
     * it cannot give (a client that also takes {@code application/json} gets that).
     */
    static final class JsonAnswers extends MappingJackson2HttpMessageConverter {
        private static final List<MediaType> SUCCESS = List.of(MediaType.APPLICATION_JSON);

        JsonAnswers(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public List<MediaType> getSupportedMediaTypes(Class<?> type) {
            return isProblem(type) ? super.getSupportedMediaTypes(type) : SUCCESS;
        }

        @Override
        public boolean canWrite(Class<?> type, MediaType mediaType) {
            return (mediaType == null || isProblem(type) || !MediaType.APPLICATION_PROBLEM_JSON.includes(mediaType))
                    && super.canWrite(type, mediaType);
        }

        /**
         * An answer is serialized whole, then sent with its length. Written straight to the response, Jackson's
         * flush sent the body as a chunk and the end of the response the last chunk: two writes to the socket per
         * answer. Streams (server-sent events) are not plain responses and are still written as they come.
         */
        @Override
        protected void writeInternal(Object object, Type type, HttpOutputMessage output) throws IOException {
            if (output.getClass() != ServletServerHttpResponse.class) {
                super.writeInternal(object, type, output);
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
            super.writeInternal(object, type, new HttpOutputMessage() {
                @Override
                public OutputStream getBody() {
                    return body;
                }

                @Override
                public HttpHeaders getHeaders() {
                    return output.getHeaders();
                }
            });
            output.getHeaders().setContentLength(body.size());
            body.writeTo(output.getBody());
        }

        private static boolean isProblem(Class<?> type) {
            return ProblemDetail.class.isAssignableFrom(type);
        }

        @Override
        public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
            return super.read(type, contextClass, utf8(input));
        }

        @Override
        protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
            return super.readInternal(type, utf8(input));
        }

        /**
         * Jackson's UTF-8 reader decodes overlong forms ({@code C0 A2} is a quote, {@code C1 81} an A) and reads a
         * code point past U+10FFFF as a surrogate, so a body is checked by the JDK's strict decoder first. Bodies are
         * at most 64 KB ({@link RequestSizeLimitFilter}). One declared in another charset is decoded by that charset,
         * as strictly, and handed on as UTF-8: Spring gave a body declared UTF-16 or UTF-32 to Jackson, which ignores
         * the declaration and guesses from the bytes, so UTF-8 bytes labelled {@code charset=utf-16} were read with
         * their overlong forms, and other charsets were read by a decoder that put U+FFFD for what it could not
         * decode ({@code 81} in windows-1252), stored as if the client had sent it.
         */
        private static HttpInputMessage utf8(HttpInputMessage input) throws IOException {
            MediaType type = input.getHeaders().getContentType();
            byte[] body = input.getBody().readAllBytes();
            if (type == null || type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset())) {
                requireUtf8(body);
                return message(body, input.getHeaders());
            }
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(input.getHeaders());
            headers.setContentType(new MediaType(type, StandardCharsets.UTF_8));
            return message(inUtf8(body, type.getCharset()), headers);
        }

        private static HttpInputMessage message(byte[] body, HttpHeaders headers) {
            return new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }
            };
        }
    }

    /** A decoder that refuses what is no text in the charset, where Java's own put U+FFFD in its place. */
    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The body, text in its declared charset or refused, as UTF-8. */
    static byte[] inUtf8(byte[] body, Charset charset) throws NotUtf8 {
        CharsetDecoder decoder = strictDecoder(charset);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError() && !result.isOverflow()) {
            result = decoder.flush(out);
        }
        if (result.isError() || result.isOverflow()) {
            throw new NotUtf8(in.position(), charset);
        }
        out.flip();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void requireUtf8(byte[] body) throws NotUtf8 {
        CharsetDecoder decoder = strictDecoder(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.min(body.length, 1024) + 1);
        for (CoderResult result = decoder.decode(in, out, true); !result.isUnderflow(); ) {
            if (result.isError()) {
                throw new NotUtf8(in.position());
            }
            out.clear();
            result = decoder.decode(in, out, true);
        }
    }

    /**
     * A request body that is not well-formed UTF-8 (RFC 3629): an overlong form, a surrogate, past U+10FFFF; or not
     * text in the other charset its {@code Content-Type} declares.
     */
    public static final class NotUtf8 extends CharConversionException {
        NotUtf8(int offset) {
            super("The request body is not UTF-8: the bytes from offset " + offset
                    + " are no well-formed UTF-8 (a stray or cut-off byte, an overlong form, a surrogate or a code"
                    + " point past U+10FFFF)");
        }

        NotUtf8(int offset, Charset declared) {
            super("The request body is not " + declared.name() + ", the charset its Content-Type declares: the bytes"
                    + " from offset " + offset + " are no text in it (send UTF-8)");
        }
    }

    /**
     * Jackson's leniencies each let a request mean something it does not say: {"amount":5,"amount":7} was a 500 on
     * records and the last value elsewhere, a quantity of 1.5 became 1, "100" became 100, an enum's ordinal chose a
     * constant, and anything after the first value was ignored.
     */
    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.registerModule(module());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        // a date is YYYY-MM-DD: Jackson took an instant ("2026-12-30T20:00:00Z") as its UTC day, not the booking zone's
        mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
        return mapper;
    }

    /**
     * Years past 9999 break the arithmetic of zones and days, and PostgreSQL's timestamps, further on. A value left
     * empty ({@code asOf=}) is one not given, as for every other parameter.
     */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, text -> text.isEmpty() ? null : instant(text));
        registry.addConverter(String.class, LocalDate.class, text -> text.isEmpty() ? null : day(text));
        registry.addConverterFactory(new EnumsInAnyCase());
    }

    /**
     * An enum value in a parameter is its name in any case of its ASCII letters, as a yes-or-no and a sort key are:
     * Spring's own conversion took {@code FUNDING} but refused {@code funding} (400), against the API's conventions.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class EnumsInAnyCase implements ConverterFactory<String, Enum> {

        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
            Class<?> enumType = type;
            while (!enumType.isEnum()) {
                enumType = enumType.getSuperclass();
            }
            T[] values = (T[]) enumType.getEnumConstants();
            return text -> {
                String name = text.trim();
                if (name.isEmpty()) {
                    return null;
                }
                for (T value : values) {
                    if (AsciiCase.equalsIgnoringCase(value.name(), name)) {
                        return value;
                    }
                }
                throw new IllegalArgumentException("No " + type.getSimpleName() + " is named " + name);
            };
        }
    }

    static final Pattern ASCII_WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    /**
     * A whole number in a query parameter is ASCII digits with an optional sign, and a yes-or-no is {@code true} or
     * {@code false} (in any case: {@code True} is what some clients write). Spring reads a value its conversion
     * service refuses again with a property editor, which took {@code 0x10} and {@code #10} as 16, and Java took
     * full-width and other scripts' digits; both read {@code 1}, {@code yes} and {@code on} as true and {@code 0},
     * {@code no} and {@code off} as false. So the editors themselves are replaced, for every parameter of every
     * controller. A value left empty is one not given, as Spring has it.
     */
    @ControllerAdvice
    static final class ScalarParameters {

        @InitBinder
        void readScalarsStrictly(WebDataBinder binder) {
            for (Class<?> type : List.of(Integer.class, int.class)) {
                binder.registerCustomEditor(type, editor(text -> wholeNumber(text, Integer::valueOf)));
            }
            for (Class<?> type : List.of(Long.class, long.class)) {
                binder.registerCustomEditor(type, editor(text -> wholeNumber(text, Long::valueOf)));
            }
            for (Class<?> type : List.of(Boolean.class, boolean.class)) {
                binder.registerCustomEditor(type, editor(ScalarParameters::trueOrFalse));
            }
        }

        private static Number wholeNumber(String text, Function<String, ? extends Number> parse) {
            if (!ASCII_WHOLE_NUMBER.matcher(text).matches()) {
                throw new IllegalArgumentException("A whole number is written in the digits 0-9");
            }
            return parse.apply(text);
        }

        private static Boolean trueOrFalse(String text) {
            if (AsciiCase.equalsIgnoringCase("true", text)) {
                return Boolean.TRUE;
            }
            if (AsciiCase.equalsIgnoringCase("false", text)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("A yes-or-no is written true or false");
        }

        private static PropertyEditorSupport editor(Function<String, ?> read) {
            return new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    setValue(text == null || text.isEmpty() ? null : read.apply(text));
                }
            };
        }
    }

    static Instant instant(String text) {
        // ISO-8601 only: Spring's own reading also took digits as epoch milliseconds, so asOf=-1 meant 1969
        Instant instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        if (instant.isAfter(LATEST_INSTANT) && instant.isBefore(LATEST_INSTANT.plusNanos(1_000))) {
            // PostgreSQL keeps microseconds and would round the last nanoseconds of 9999 into the year 10000
            instant = LATEST_INSTANT;
        }
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
            throw new IllegalArgumentException("An instant must lie within the years 1 to 9999");
        }
        return instant;
    }

    static LocalDate day(String text) {
        LocalDate day = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new IllegalArgumentException("A day must lie within the years 1 to 9999");
        }
        return day;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ParameterCheck()).order(Ordered.HIGHEST_PRECEDENCE + 1);
    }

    static SimpleModule module() {
        return new SimpleModule("hindsight-text-input")
                .addDeserializer(String.class, new CheckedString(false))
                .addKeyDeserializer(String.class, new CheckedKey())
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyEnumDeserializer(
                            DeserializationConfig config,
                            JavaType type,
                            BeanDescription description,
                            JsonDeserializer<?> deserializer) {
                        return new ExactEnum(deserializer);
                    }

                    @Override
                    public JsonDeserializer<?> modifyDeserializer(
                            DeserializationConfig config,
                            BeanDescription description,
                            JsonDeserializer<?> deserializer) {
                        return Temporal.class.isAssignableFrom(description.getBeanClass())
                                ? new WrittenTime(deserializer)
                                : deserializer;
                    }
                });
    }

    /** Looks at a value before Jackson's own deserializer for its type reads it. */
    private abstract static class Guard extends StdDeserializer<Object> implements ContextualDeserializer {
        final JsonDeserializer<?> guarded;

        Guard(JsonDeserializer<?> guarded) {
            super(guarded.handledType());
            this.guarded = guarded;
        }

        abstract Guard around(JsonDeserializer<?> other);

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = guarded instanceof ContextualDeserializer byProperty
                    ? byProperty.createContextual(context, property)
                    : guarded;
            return contextual == guarded ? this : around(contextual);
        }
    }

    /**
     * A named value (a role, a gender) is its name exactly. Jackson trims what it cannot find, and trimming takes
     * NULs and control characters with the spaces: {@code "HOST\u0000"} was granted HOST.
     */
    private static final class ExactEnum extends Guard {
        ExactEnum(JsonDeserializer<?> named) {
            super(named);
        }

        @Override
        Guard around(JsonDeserializer<?> other) {
            return new ExactEnum(other);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                var problem = Text.problemWith(text, false);
                if (problem.isPresent()) {
                    throw new InvalidText(parser, problem.get());
                }
                if (!text.equals(text.strip())) {
                    return context.handleWeirdStringValue(handledType(), text, "a name has no surrounding spaces");
                }
            }
            return guarded.deserialize(parser, context);
        }
    }

    /**
     * A time is written as ISO-8601 text, exactly. Jackson also reads a number as epoch seconds and an array as its
     * fields, so {@code "effectiveFrom": 1} meant one second past 1970, and text of digits as a number: {@code
     * "1796281000"}; and it trims the text first, NULs and control characters with the spaces.
     */
    private static final class WrittenTime extends Guard {
        private static final Pattern EPOCH_TEXT = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

        WrittenTime(JsonDeserializer<?> time) {
            super(time);
        }

        @Override
        Guard around(JsonDeserializer<?> other) {
            return new WrittenTime(other);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            var problem = Text.problemWith(text, false);
            if (problem.isPresent()) {
                throw new InvalidText(parser, problem.get());
            }
            if (!text.equals(text.strip())) {
                return context.handleWeirdStringValue(handledType(), text, "a time has no surrounding spaces");
            }
            if (EPOCH_TEXT.matcher(text).matches()) {
                return context.handleWeirdStringValue(handledType(), text, "a time is ISO-8601 text, not a number");
            }
            return guarded.deserialize(parser, context);
        }
    }

    /** Thrown while reading a body; Jackson adds the path of the field to it. */
    public static final class InvalidText extends JsonMappingException {
        InvalidText(JsonParser parser, String problem) {
            super(parser, "holds " + problem);
        }
    }

    private static final class CheckedString extends StdScalarDeserializer<String> implements ContextualDeserializer {
        private final boolean multiline;

        CheckedString(boolean multiline) {
            super(String.class);
            this.multiline = multiline;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                // Jackson would coerce a number or true/false into text: {"name": 1e999999} stored "1e999999".
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            var problem = Text.problemWith(value, multiline);
            if (problem.isPresent()) {
                throw new InvalidText(parser, problem.get());
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean longText = property != null && property.getAnnotation(MultilineText.class) != null;
            return longText == multiline ? this : new CheckedString(longText);
        }
    }

    private static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            var problem = Text.problemWith(key, false);
            if (problem.isPresent()) {
                throw new InvalidText(context.getParser(), problem.get());
            }
            return key;
        }
    }

    /** Query parameters and path variables, after the access check and before anything is bound. */
    private static final class ParameterCheck implements HandlerInterceptor {
        private static final char UNDECODABLE = '\uFFFD';
        private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getDispatcherType() != DispatcherType.REQUEST) {
                return true;
            }
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
                variables.forEach((name, value) -> check("path segment '" + name + "'", String.valueOf(value)));
            }
            if (request.getQueryString() != null) {
                // Tomcat leaves out a parameter it cannot decode: asOf=...Z% would read as no asOf at all, today's
                // answer
                if (BROKEN_ESCAPE.matcher(request.getQueryString()).find()) {
                    throw new BusinessException(
                            CommonError.MALFORMED_REQUEST,
                            "The query holds a '%' that starts no escape of two hex digits (write a '%' as %25)");
                }
                request.getParameterMap().forEach((name, values) -> {
                    check("a parameter name", name);
                    for (String value : values) {
                        check("the parameter '" + shortened(name) + "'", value);
                    }
                });
            }
            return true;
        }

        /**
         * Tomcat decodes bytes of a URL that are no UTF-8 (%FF, an encoded surrogate %ED%A0%80) to U+FFFD, so a query
         * that is not text would otherwise read as one that matches nothing.
         */
        private static void check(String what, String value) {
            Optional<String> problem = value.indexOf(UNDECODABLE) >= 0
                    ? Optional.of("bytes that are not UTF-8 (read as U+FFFD)")
                    : Text.problemWith(value, false);
            problem.ifPresent(found -> {
                throw new BusinessException(CommonError.INVALID_TEXT, "%s holds %s", capitalized(what), found);
            });
        }

        private static String shortened(String name) {
            return name.length() > 40 ? name.substring(0, 40) + "..." : name;
        }

        private static String capitalized(String what) {
            return Character.toUpperCase(what.charAt(0)) + what.substring(1);
        }
    }
}
