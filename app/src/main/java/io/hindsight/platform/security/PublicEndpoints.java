package io.hindsight.platform.security;

import io.hindsight.common.PublicEndpoint;
import io.hindsight.query.HandlerAnnotation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Matches requests that need no token: those mapped to a {@code @PublicEndpoint} handler, and those no
 * handler matches (they end as 404/405); one whose handlers differ from the request only in media types (415, 406)
 * needs a token unless every one of them is public. Everything else must be authenticated before its body is even
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
        } catch (HttpMediaTypeException mediaTypeOnly) {
            // the path and method have handlers, only none for this Content-Type or Accept: their access rule
            // comes first, so an anonymous upload without a multipart body is 401, not 415
            return handlersIgnoringMediaTypes(request)
                    .allMatch(method -> publicEndpoint.on(method).isPresent());
        } catch (Exception noHandler) {
            return true;
        }
        if (chain == null || !(chain.getHandler() instanceof HandlerMethod method)) {
            return true;
        }
        return publicEndpoint.on(method).isPresent();
    }

    private Stream<HandlerMethod> handlersIgnoringMediaTypes(HttpServletRequest request) {
        return handlers.getHandlerMethods().entrySet().stream()
                .filter(mapping -> mapping.getKey().getMethodsCondition().getMatchingCondition(request) != null
                        && mapping.getKey().getPathPatternsCondition() != null
                        && mapping.getKey().getPathPatternsCondition().getMatchingCondition(request) != null)
                .map(Map.Entry::getValue);
    }
}
