package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request thread that reads a body the client has not sent yet waits for it (up to the connection timeout for each
 * read), so a client sending bodies slowly, or not at all, could hold every thread: 200 such connections stopped the
 * whole server. A read that would wait is let through only while fewer than the per-client share of reads from the
 * same address wait, and fewer than the total share in all; otherwise it is refused at once - 429 to the client past
 * its share, 503 when the total is taken - and its thread goes back to the requests whose bodies have arrived. A read
 * of bytes Tomcat has already received never waits and is never refused; a body a client writes after its headers
 * counts as waiting for the moment it takes, so a client sharing its address with a stalling one may be refused with
 * it. Behind the proxy (deploy/) nginx receives each body whole before passing the request on, so no read here waits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
public class SlowBodyRefusal extends OncePerRequestFilter {

    private final int perClient;
    private final int total;
    private final Problems problems;
    private final ConcurrentHashMap<String, Integer> waitingByClient = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    public SlowBodyRefusal(
            @Value("${hindsight.web.waiting-body-reads.per-client:50}") int perClient,
            @Value("${hindsight.web.waiting-body-reads.total:150}") int total,
            Problems problems) {
        this.perClient = perClient;
        this.total = total;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(new GuardedRequest(request), response);
        } catch (SlowBodyRefused | ServletException e) {
            SlowBodyRefused refused = e instanceof SlowBodyRefused r ? r : causedBy(e);
            if (refused == null) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.reset();
                answer(request, response, refused);
            }
        }
    }

    /** The answer to a refused read, for this filter and for a controller whose body reading it broke off. */
    static ProblemDetail problemFor(SlowBodyRefused refused) {
        return refused.clientShare
                ? Problems.of(
                        CommonError.RATE_LIMITED,
                        "Too many of your requests are waiting for their bodies; send each body whole")
                : Problems.of(
                        CommonError.SERVER_BUSY, "Too many requests are waiting for their bodies; try again shortly");
    }

    static SlowBodyRefused causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SlowBodyRefused refused) {
                return refused;
            }
        }
        return null;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, SlowBodyRefused refused)
            throws IOException {
        if (refused.clientShare) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        problems.write(request, response, problemFor(refused));
    }

    /** Counts a read that is about to wait, or tells which share it would exceed (and counts nothing). */
    private SlowBodyRefused startWaiting(String client) {
        if (waiting.incrementAndGet() > total) {
            waiting.decrementAndGet();
            return new SlowBodyRefused(false);
        }
        if (waitingByClient.merge(client, 1, Integer::sum) > perClient) {
            stopWaiting(client);
            return new SlowBodyRefused(true);
        }
        return null;
    }

    private void stopWaiting(String client) {
        waitingByClient.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
        waiting.decrementAndGet();
    }

    private interface BodyRead {
        int run() throws IOException;
    }

    /** Thrown by a read that would have waited beyond the shares. */
    static final class SlowBodyRefused extends IOException {
        private final boolean clientShare;

        SlowBodyRefused(boolean clientShare) {
            super(clientShare ? "too many waiting body reads from one client" : "too many waiting body reads");
            this.clientShare = clientShare;
        }
    }

    private final class GuardedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        GuardedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new GuardedStream(super.getInputStream(), (HttpServletRequest) getRequest());
            }
            return stream;
        }
    }

    private final class GuardedStream extends ForwardingServletInputStream {
        private final HttpServletRequest request;
        private final String client;

        GuardedStream(ServletInputStream delegate, HttpServletRequest request) {
            super(delegate);
            this.request = request;
            this.client = request.getRemoteAddr();
        }

        @Override
        public int read() throws IOException {
            return guarded(delegate::read);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return length == 0 ? 0 : guarded(() -> delegate.read(buffer, offset, length));
        }

        private int guarded(BodyRead read) throws IOException {
            if (arrived()) {
                return read.run();
            }
            SlowBodyRefused refused = startWaiting(client);
            if (refused == null) {
                try {
                    return read.run();
                } finally {
                    stopWaiting(client);
                }
            }
            RefusedBodyDrop.dropTheRest(request);
            throw refused;
        }

        private boolean arrived() throws IOException {
            return delegate.isFinished() || delegate.available() > 0;
        }
    }
}
