package io.hindsight.platform.web;

import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address is the rate limits' key and is recorded in every log-in's event, for good. Tomcat's
 * {@code RemoteIpValve} takes it from {@code X-Forwarded-For} when the peer is a trusted proxy, without looking at
 * what the header says: a client on a private network sent {@code X-Forwarded-For: <any text>} straight to a node and
 * had its 3,000 characters of markup recorded as its address. A proxy sets an address there; anything else is refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ForwardedAddressRefusal extends OncePerRequestFilter {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9._-]{1,32})?");

    private final Problems problems;

    public ForwardedAddressRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isAddress(request.getRemoteAddr())) {
            problems.write(
                    request,
                    response,
                    CommonError.MALFORMED_REQUEST,
                    "The header X-Forwarded-For does not name the client's address");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isAddress(String address) {
        if (address == null) {
            return false;
        }
        if (IPV4.matcher(address).matches()) {
            return true;
        }
        if (!address.contains(":") || !IPV6.matcher(address).matches()) {
            return false;
        }
        try {
            // an IPv6 literal is parsed, never looked up
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException notOne) {
            return false;
        }
    }
}
