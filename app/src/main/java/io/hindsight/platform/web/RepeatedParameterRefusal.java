package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import io.hindsight.common.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query parameter given twice ({@code ?limit=5&limit=1000}, {@code ?keyword=a&keyword=b}) has no one meaning: Spring
 * took the first of some, joined others with a comma and refused a number given twice. No endpoint takes a list
 * that way, so a repeated name is refused before any of them reads it. The query string is read as written: a
 * form body is never parsed for it.
 */
@Component
@Order(-50)
public class RepeatedParameterRefusal extends OncePerRequestFilter {

    private final Problems problems;

    public RepeatedParameterRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> repeated = repeatedName(request.getQueryString());
        if (repeated.isPresent()) {
            ProblemDetail problem = Problems.of(
                    CommonError.VALIDATION_FAILED,
                    "The query parameter '%s' is given more than once; give it once".formatted(repeated.get()));
            problem.setProperty(
                    "errors", List.of(Map.of("field", repeated.get(), "message", "is given more than once")));
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    static Optional<String> repeatedName(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            if (!seen.add(name)) {
                return Optional.of(Text.sanitized(name, 100));
            }
        }
        return Optional.empty();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return name;
        }
    }
}
