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
 * read, so an anonymous caller gets 401 rather than a validation error. {@link #ignoringTokens} matches only the
 * public endpoints that ignore a token sent along ({@link PublicEndpoint#ignoresToken()}).
 */
class PublicEndpoints implements RequestMatcher {

    private final RequestMappingHandlerMapping handlers;
    private final HandlerAnnotation<PublicEndpoint> publicEndpoint = new HandlerAnnotation<>(PublicEndpoint.class);
    private final boolean ignoringTokensOnly;

    PublicEndpoints(RequestMappingHandlerMapping handlers) {
        this(handlers, false);
    }

    private PublicEndpoints(RequestMappingHandlerMapping handlers, boolean ignoringTokensOnly) {
        this.handlers = handlers;
        this.ignoringTokensOnly = ignoringTokensOnly;
    }

    static PublicEndpoints ignoringTokens(RequestMappingHandlerMapping handlers) {
        return new PublicEndpoints(handlers, true);
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        HandlerExecutionChain chain;
        try {
            chain = handlers.getHandler(request);
        } catch (HttpMediaTypeException mediaTypeOnly) {
            // the path and method have handlers, only none for this Content-Type or Accept: their access rule
            // comes first, so an anonymous upload without a multipart body is 401, not 415
            return handlersIgnoringMediaTypes(request).allMatch(this::qualifies);
        } catch (Exception noHandler) {
            return !ignoringTokensOnly;
        }
        if (chain == null || !(chain.getHandler() instanceof HandlerMethod method)) {
            return !ignoringTokensOnly;
        }
        return qualifies(method);
    }

    private boolean qualifies(HandlerMethod method) {
        return publicEndpoint
                .on(method)
                .filter(endpoint -> !ignoringTokensOnly || endpoint.ignoresToken())
                .isPresent();
    }

    private Stream<HandlerMethod> handlersIgnoringMediaTypes(HttpServletRequest request) {
        return handlers.getHandlerMethods().entrySet().stream()
                .filter(mapping -> mapping.getKey().getMethodsCondition().getMatchingCondition(request) != null
                        && mapping.getKey().getPathPatternsCondition() != null
                        && mapping.getKey().getPathPatternsCondition().getMatchingCondition(request) != null)
                .map(Map.Entry::getValue);
    }
}
