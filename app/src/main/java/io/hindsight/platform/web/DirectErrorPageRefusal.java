package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Boot's error page is where failed requests are forwarded; asked for directly it has no error to tell and answered
 * 500 with Boot's own body (status 999). A direct request is answered as any unknown path is. The forwards
 * themselves are error dispatches, which this filter never sees.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DirectErrorPageRefusal extends OncePerRequestFilter {

    private final Problems problems;
    private final String errorPath;

    public DirectErrorPageRefusal(Problems problems, @Value("${server.error.path:/error}") String errorPath) {
        this.problems = problems;
        this.errorPath = errorPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.routed(request).equals(errorPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(request, response, CommonError.NOT_FOUND, "There is nothing at " + errorPath);
    }
}
