package io.hindsight.platform.web;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies are read as they arrive: a gzip body was taken for text and refused as "not UTF-8", which sent its client
 * looking for a charset problem. A body in any coding but {@code identity} is 415 with {@code Accept-Encoding:
 * identity} (RFC 7694), after the access check as an unreadable body is.
 */
@Component
@Order(-50)
public class ContentEncodingRefusal extends OncePerRequestFilter {

    private final Problems problems;

    public ContentEncodingRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasBody(request) && encoded(request)) {
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            CommonError.UNSUPPORTED_MEDIA_TYPE.name(),
                            "Content-Encoding is not taken: send the body as it is"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean encoded(HttpServletRequest request) {
        var codings = request.getHeaders(HttpHeaders.CONTENT_ENCODING);
        while (codings.hasMoreElements()) {
            for (String coding : codings.nextElement().split(",")) {
                if (!coding.isBlank() && !AsciiCase.equalsIgnoringCase(coding.strip(), "identity")) {
                    return true;
                }
            }
        }
        return false;
    }
}
