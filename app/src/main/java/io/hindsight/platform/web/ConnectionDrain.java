package io.hindsight.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first step of a node's shutdown, behind a proxy that keeps connections to it alive: for
 * {@code hindsight.shutdown.drain} it goes on answering, each answer with {@code Connection: close}. Tomcat's
 * graceful shutdown, which comes next, refuses a request that arrives on a kept-alive connection, and a proxy cannot
 * send a refused POST to another node (it may have been applied), so the client got a 503. Drained, the proxy holds
 * no connection to the node any more (those it did not use close at its own idle timeout, set shorter than the
 * drain) and meets a refused connection instead, which it does try on another node.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConnectionDrain extends OncePerRequestFilter implements SmartLifecycle {

    private final Duration drain;
    private volatile boolean running;
    private volatile boolean draining;

    public ConnectionDrain(@Value("${hindsight.shutdown.drain:PT0S}") Duration drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (draining) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Runs before the web server's graceful shutdown, which has a lower phase. */
    @Override
    public void stop() {
        if (running && !drain.isZero() && !drain.isNegative()) {
            draining = true;
            try {
                Thread.sleep(drain.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
