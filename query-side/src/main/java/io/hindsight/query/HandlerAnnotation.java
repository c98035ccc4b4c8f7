package io.hindsight.query;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * An annotation of request handlers, on the handler's method or else on its controller, looked up once per handler:
 * Spring's merged-annotation search on every request cost about a percent of a request's time. Keyed by controller
 * and method, so a method two controllers inherit is looked up for each.
 */
public final class HandlerAnnotation<A extends Annotation> {

    private final Class<A> type;
    private final Map<Map.Entry<Class<?>, Method>, Optional<A>> byHandler = new ConcurrentHashMap<>();

    public HandlerAnnotation(Class<A> type) {
        this.type = type;
    }

    public Optional<A> on(HandlerMethod handler) {
        return byHandler.computeIfAbsent(
                Map.entry(handler.getBeanType(), handler.getMethod()), key -> Optional.ofNullable(find(handler)));
    }

    private A find(HandlerMethod handler) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
    }
}
