package io.hindsight.platform.security;

import io.hindsight.common.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Matches requests that need no token: those mapped to a {@code @PublicEndpoint} handler, and those no
 * handler matches (they end as 404/405). Everything else must be authenticated before its body is even
 * read, so an anonymous caller gets 401 rather than a validation error.
 */
class PublicEndpoints implements RequestMatcher {

    private final RequestMappingHandlerMapping handlers;
    /** Per handler: looking the annotations up on every request cost more than the rest of the match. */
    private final Map<Map.Entry<Class<?>, Method>, Boolean> publicByMethod = new ConcurrentHashMap<>();

    PublicEndpoints(RequestMappingHandlerMapping handlers) {
        this.handlers = handlers;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        HandlerExecutionChain chain;
        try {
            chain = handlers.getHandler(request);
        } catch (Exception noHandler) {
            return true;
        }
        if (chain == null || !(chain.getHandler() instanceof HandlerMethod method)) {
            return true;
        }
        return publicByMethod.computeIfAbsent(
                Map.entry(method.getBeanType(), method.getMethod()),
                m -> method.hasMethodAnnotation(PublicEndpoint.class)
                        || method.getBeanType().isAnnotationPresent(PublicEndpoint.class));
    }
}
