package io.hindsight.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Actuator answers some refusals with a status and no body at all: a health component asked for without an ADMIN's
 * token, or one that does not exist, was a bare 404. Every error of the API is problem+json with a {@code code}
 * (api.md), so an actuator error left without a body gets one. Answers with a body (a DOWN health, 503) are kept. The
 * actuator's answers are small (health, info, the Prometheus scrape), so each is held until it is known to have one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ActuatorErrorBodies extends OncePerRequestFilter {

    private final Problems problems;

    public ActuatorErrorBodies(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.routed(request);
        return !path.equals("/actuator") && !path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        HttpStatus status = HttpStatus.resolve(held.getStatus());
        if (status != null && status.isError() && held.getContentSize() == 0 && !response.isCommitted()) {
            problems.write(request, response, Problems.ofStatus(status));
        } else {
            held.copyBodyToResponse();
        }
    }
}
