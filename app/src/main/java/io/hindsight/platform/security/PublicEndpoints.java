package io.hindsight.platform.security;

import io.hindsight.common.PublicEndpoint;
import io.hindsight.query.HandlerAnnotation;
import jakarta.servlet.http.HttpServletRequest;
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
    private final HandlerAnnotation<PublicEndpoint> publicEndpoint = new HandlerAnnotation<>(PublicEndpoint.class);

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
        return publicEndpoint.on(method).isPresent();
    }
}
