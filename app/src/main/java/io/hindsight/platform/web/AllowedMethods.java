package io.hindsight.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.WebContentGenerator;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The methods a path is served with, found as the dispatcher would find its handler: for a 405 given before MVC sees
 * the request (the firewall refuses TRACE and made-up methods), whose {@code Allow} header HTTP requires. MVC's own
 * 405 names them the same way.
 */
@Component
public class AllowedMethods {

    private static final String NO_SUCH_METHOD = "NO-SUCH-METHOD";

    private final ObjectProvider<HandlerMapping> mappings;

    public AllowedMethods(ObjectProvider<HandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * The methods the request's path is served with; none when no endpoint or file is there (an empty {@code Allow}
     * says so in HTTP).
     */
    public Set<HttpMethod> of(HttpServletRequest request) {
        // the firewall refuses the request again on the error page's dispatch, which is where it is answered
        Object refusedUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = refusedUri instanceof String original ? original : request.getRequestURI();
        HttpServletRequest probe = new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return NO_SUCH_METHOD;
            }

            @Override
            public String getRequestURI() {
                return uri;
            }

            @Override
            public DispatcherType getDispatcherType() {
                return DispatcherType.REQUEST;
            }
        };
        Object parsedPath = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(probe);
            return mappings.orderedStream()
                    .map(mapping -> methodsOf(mapping, probe))
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse(Set.of());
        } finally {
            request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsedPath);
        }
    }

    /** The methods of {@link #of} as an {@code Allow} header names them. */
    public String header(HttpServletRequest request) {
        return of(request).stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    }

    /** In the order HTTP lists them (GET, HEAD, POST, PUT, PATCH, DELETE...), the same on every node and answer. */
    private static Set<HttpMethod> inHttpOrder(Collection<HttpMethod> methods) {
        Set<HttpMethod> ordered = new LinkedHashSet<>();
        Arrays.stream(HttpMethod.values()).filter(methods::contains).forEach(ordered::add);
        return ordered;
    }

    private static Optional<Set<HttpMethod>> methodsOf(HandlerMapping mapping, HttpServletRequest probe) {
        try {
            HandlerExecutionChain chain = mapping.getHandler(probe);
            if (chain == null) {
                return Optional.empty();
            }
            if (chain.getHandler() instanceof WebContentGenerator files && files.getSupportedMethods() != null) {
                return Optional.of(inHttpOrder(Arrays.stream(files.getSupportedMethods())
                        .map(HttpMethod::valueOf)
                        .toList()));
            }
            return Optional.empty();
        } catch (HttpRequestMethodNotSupportedException refused) {
            return Optional.ofNullable(refused.getSupportedHttpMethods()).map(AllowedMethods::inHttpOrder);
        } catch (Exception notThisMapping) {
            return Optional.empty();
        }
    }
}
