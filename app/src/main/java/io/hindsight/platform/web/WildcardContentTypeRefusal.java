package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body must say what it is: {@code Content-Type: *}{@code /*} (or {@code application/*}) names no type, and Spring
 * failed on it with an IllegalArgumentException - a 500 and a stack trace in the log that anyone, without a token,
 * could write. Refused with 415 after the access check, as an unreadable body is.
 */
@Component
@Order(-50)
public class WildcardContentTypeRefusal extends OncePerRequestFilter {

    private final Problems problems;

    public WildcardContentTypeRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && wildcard(contentType)) {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            CommonError.UNSUPPORTED_MEDIA_TYPE.name(),
                            "Content-Type names no type: send application/json (or the upload's image type)"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean wildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
