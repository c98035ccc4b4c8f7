package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (413): a declared length over the cap is refused before reading, and a chunked
 * body is cut off the moment it passes the cap. Image uploads may be as large as an image (plus the cap,
 * for the multipart framing); the upload endpoint checks the image itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Pattern IMAGE_UPLOAD = Pattern.compile("/api/spaces/[^/]+/images");

    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final Problems problems;

    public RequestSizeLimitFilter(
            @Value("${hindsight.web.max-request-size:64KB}") DataSize maxSize,
            @Value("${hindsight.images.max-size:5MB}") DataSize maxImageSize,
            Problems problems) {
        this.maxBodyBytes = maxSize.toBytes();
        this.maxUploadBytes = maxImageSize.toBytes() + maxBodyBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = "POST".equals(request.getMethod())
                && IMAGE_UPLOAD.matcher(RequestPaths.routed(request)).matches();
        long maxBytes = upload ? maxUploadBytes : maxBodyBytes;
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(
                    request,
                    response,
                    CommonError.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes");
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBytes), response);
        } catch (BodyTooLarge | ServletException e) {
            if (!(e instanceof BodyTooLarge) && !(e.getCause() instanceof BodyTooLarge)) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.reset();
                problems.write(
                        request,
                        response,
                        CommonError.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + maxBytes + " bytes");
            }
        }
    }

    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("request body too large");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ForwardingServletInputStream {
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLarge();
            }
        }
    }
}
