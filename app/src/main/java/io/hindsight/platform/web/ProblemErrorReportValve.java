package io.hindsight.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Tomcat turns away some requests before any filter or controller sees them - an encoded slash, backslash
 * or NUL in the path, a broken percent-encoding, a method it does not serve - and its default valve answers those
 * with an HTML page.
 * This one answers with the same problem+json as the rest of the API.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus refused = clientsMistake(status, request.getMethod());
        if (refused != status) {
            status = refused;
            response.setStatus(status.value());
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED && response.getHeader(HttpHeaders.ALLOW) == null) {
            allowed(request).ifPresent(methods -> response.setHeader(HttpHeaders.ALLOW, methods));
        }
        ProblemDetail problem = Problems.ofStatus(status);
        // the path asked for, as every other problem names it (one that is no URI, a backslash in it, goes without)
        problem.setInstance(Problems.instanceOf(request));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(JSON.writeValueAsBytes(problem));
            response.finishResponse();
        } catch (IOException | IllegalStateException clientGone) {
            // nothing more can be said to this client
        }
    }

    /**
     * The methods the path is served with, for the {@code Allow} a 405 must carry: Tomcat refuses CONNECT before any
     * filter runs, so the firewall's 405 (which names them) never saw it. Asked of the application's own handler
     * mappings ({@link AllowedMethods}); none while the application is not up.
     */
    private Optional<String> allowed(Request request) {
        try {
            // a request Tomcat refused before mapping it has no context of its own: the application's is the root one
            ServletContext servlets = getContainer() != null && getContainer().findChild("") instanceof Context root
                    ? root.getServletContext()
                    : null;
            WebApplicationContext application =
                    servlets == null ? null : WebApplicationContextUtils.getWebApplicationContext(servlets);
            if (application == null) {
                return Optional.empty();
            }
            // its attributes are kept here: an unmapped request's own cannot be set (they would notify its context)
            Map<String, Object> attributes = new HashMap<>();
            HttpServletRequest unmapped = new HttpServletRequestWrapper(request) {
                @Override
                public String getContextPath() {
                    return "";
                }

                @Override
                public ServletContext getServletContext() {
                    return servlets;
                }

                @Override
                public Object getAttribute(String name) {
                    return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
                }

                @Override
                public void setAttribute(String name, Object value) {
                    attributes.put(name, value);
                }

                @Override
                public void removeAttribute(String name) {
                    attributes.put(name, null);
                }
            };
            return Optional.of(application.getBean(AllowedMethods.class).header(unmapped));
        } catch (RuntimeException notAnswerable) {
            return Optional.empty();
        }
    }

    /**
     * Tomcat answers some requests it cannot take with a 5xx, yet each is the client's mistake, not a failure of ours:
     * CONNECT (501) is a method no endpoint serves, a 501 to any other method is a {@code Transfer-Encoding} it does not
     * know (gzip, or a made-up one; it had said 405 METHOD_NOT_ALLOWED to a POST on a path that takes POST), and 505 an
     * HTTP version other than 1.0 or 1.1 (it had said INTERNAL_ERROR, the code of a bug).
     */
    static HttpStatus clientsMistake(HttpStatus status, String method) {
        return switch (status) {
            case NOT_IMPLEMENTED -> "CONNECT".equals(method) ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST;
            case HTTP_VERSION_NOT_SUPPORTED -> HttpStatus.BAD_REQUEST;
            default -> status;
        };
    }
}
