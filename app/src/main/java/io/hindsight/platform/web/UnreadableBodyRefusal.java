package io.hindsight.platform.web;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies that cannot be read as what they are, refused with 415 after the access check, as an unreadable body is:
 * <ul>
 *   <li>{@code Content-Type: *}{@code /*} (or {@code application/*}) names no type, and Spring failed on it with an
 *       IllegalArgumentException - a 500 and a stack trace in the log that anyone, without a token, could write;
 *   <li>a body in a {@code Content-Encoding} other than {@code identity} (gzip) was taken for text and refused as "not
 *       UTF-8", which sent its client looking for a charset problem; it is told {@code Accept-Encoding: identity}
 *       (RFC 7694).
 * </ul>
 */
@Component
@Order(-50)
public class UnreadableBodyRefusal extends OncePerRequestFilter {

    private final Problems problems;

    public UnreadableBodyRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = null;
        String contentType = request.getContentType();
        if (contentType != null && wildcard(contentType)) {
            refusal = "Content-Type names no type: send application/json (or the upload's image type)";
        } else if (hasBody(request) && encoded(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            refusal = "Content-Encoding is not taken: send the body as it is";
        }
        if (refusal != null) {
            problems.write(
                    request,
                    response,
                    Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, CommonError.UNSUPPORTED_MEDIA_TYPE.name(), refusal));
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

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean encoded(Enumeration<String> codings) {
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
