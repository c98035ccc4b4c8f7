package io.hindsight.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.common.Text;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one edge where {@link Text}'s rule is applied to everything a client sends: every string of every JSON
 * request body (fields, list elements, map keys) as Jackson reads it, and every query parameter and path
 * variable before the handler runs. Refused text is a 400 {@code INVALID_TEXT}; request records need nothing
 * for it, except {@link MultilineText} on long texts that may hold line breaks.
 *
 * <p>Only Spring MVC's message converter reads with this module: events and messages that are already stored are
 * read by Axon's own mapper, so an old event is never refused, and HTTP clients read what servers answer as it
 * is.
 */
@Configuration(proxyBeanMethods = false)
public class TextInput implements WebMvcConfigurer {

    /** Request bodies only: HTTP clients (a provider's answers) keep the application's own converter. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.replaceAll(converter -> converter instanceof MappingJackson2HttpMessageConverter json
                ? new MappingJackson2HttpMessageConverter(
                        json.getObjectMapper().copy().registerModule(module()))
                : converter);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ParameterCheck()).order(Ordered.HIGHEST_PRECEDENCE + 1);
    }

    static SimpleModule module() {
        return new SimpleModule("hindsight-text-input")
                .addDeserializer(String.class, new CheckedString(false))
                .addKeyDeserializer(String.class, new CheckedKey());
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
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (request.getDispatcherType() != DispatcherType.REQUEST) {
                return true;
            }
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
                variables.forEach((name, value) -> check("path segment '" + name + "'", String.valueOf(value)));
            }
            if (request.getQueryString() != null) {
                request.getParameterMap().forEach((name, values) -> {
                    check("a parameter name", name);
                    for (String value : values) {
                        check("the parameter '" + shortened(name) + "'", value);
                    }
                });
            }
            return true;
        }

        private static void check(String what, String value) {
            Text.problemWith(value, false).ifPresent(problem -> {
                throw new BusinessException(CommonError.INVALID_TEXT, "%s holds %s", capitalized(what), problem);
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
