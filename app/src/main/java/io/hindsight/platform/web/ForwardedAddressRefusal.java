package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address is the rate limits' key and is recorded in every log-in's event, for good. Tomcat's
 * {@code RemoteIpValve} takes it from {@code X-Forwarded-For} when the peer is a trusted proxy, without looking at
 * what the header says: a client on a private network sent {@code X-Forwarded-For: <any text>} straight to a node and
 * had its 3,000 characters of markup recorded as its address. An address is kept (without the port some load
 * balancers add to it); anything else is refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ForwardedAddressRefusal extends OncePerRequestFilter {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "(?:\\." + OCTET + "){3})(?::\\d{1,5})?");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::\\d{1,5})?");
    /** Starting with a hex digit or a colon, which Java parses as a literal and never looks up by name. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}(%[A-Za-z0-9._-]{1,32})?");

    private final Problems problems;

    public ForwardedAddressRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String remote = request.getRemoteAddr();
        Optional<String> address = addressIn(remote);
        if (address.isEmpty()) {
            problems.write(
                    request,
                    response,
                    CommonError.MALFORMED_REQUEST,
                    "The header X-Forwarded-For does not name the client's address");
            return;
        }
        chain.doFilter(address.get().equals(remote) ? request : new Addressed(request, address.get()), response);
    }

    static Optional<String> addressIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            return Optional.of(v4.group(1));
        }
        Matcher bracketed = BRACKETED.matcher(text);
        String v6 = bracketed.matches() ? bracketed.group(1) : text;
        if (!v6.contains(":") || !IPV6.matcher(v6).matches()) {
            return Optional.empty();
        }
        try {
            // an IPv6 literal is parsed, never looked up
            InetAddress.getByName(v6);
            return Optional.of(v6);
        } catch (UnknownHostException notOne) {
            return Optional.empty();
        }
    }

    private static final class Addressed extends HttpServletRequestWrapper {

        private final String address;

        Addressed(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }
    }
}
