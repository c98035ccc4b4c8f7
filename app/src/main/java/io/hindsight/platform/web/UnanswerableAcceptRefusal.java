package io.hindsight.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A write whose {@code Accept} admits no {@code application/json} is refused with 406 before it runs (a success is
 * never labelled {@code application/problem+json}, so that alone admits none). Spring finds out only when it
 * writes the answer, after the command: a deposit was made and then answered 406 (and that 406 kept for its
 * Idempotency-Key), so a client that retried with a usable {@code Accept} deposited twice. Reads are left to Spring:
 * they change nothing, and some answer images or event streams - unless their {@code Accept} cannot be read at all
 * ({@code ;;;}, a byte outside ASCII): Spring then answers the read, or the problem it failed with, with an empty body
 * and no type, so it is refused here as the 406 problem it is.
 */
@Component
@Order(-50)
public class UnanswerableAcceptRefusal extends OncePerRequestFilter {

    private final Problems problems;

    public UnanswerableAcceptRefusal(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        boolean write = IdempotencyFilter.WRITES.contains(request.getMethod());
        if (!accept.isEmpty()
                && (write ? !admitsJson(String.join(",", accept)) : unreadable(String.join(",", accept)))) {
            notAcceptable(
                    request,
                    response,
                    write
                            ? "This answers application/json (and a problem as application/problem+json):"
                                    + " nothing was done"
                            : "The Accept header could not be read as media types");
            return;
        }
        List<MediaType> refused = accept.isEmpty() || write ? List.of() : refusedTypes(String.join(",", accept));
        if (!refused.isEmpty()) {
            List<MediaType> admitted = MediaType.parseMediaTypes(String.join(",", accept)).stream()
                    .filter(type -> type.getQualityValue() > 0)
                    .toList();
            if (admitted.isEmpty()) {
                notAcceptable(request, response, "The Accept header admits nothing: every type in it has q=0");
                return;
            }
            chain.doFilter(
                    HeaderReplacingRequest.of(request, HttpHeaders.ACCEPT, MediaType.toString(admitted)), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void notAcceptable(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        problems.write(
                request,
                response,
                Problems.of(HttpStatus.NOT_ACCEPTABLE, Problems.codeFor(HttpStatus.NOT_ACCEPTABLE), detail));
    }

    /**
     * The types a read's {@code Accept} refuses ({@code q=0}). Spring takes them as acceptable as any other, so
     * {@code Accept: application/json;q=0} (or {@code *}{@code /*;q=0}) was answered JSON, 200; they are taken out
     * before Spring sees the header, and an {@code Accept} that admits nothing is 406.
     */
    private static List<MediaType> refusedTypes(String accept) {
        return MediaType.parseMediaTypes(accept).stream()
                .filter(type -> type.getQualityValue() == 0)
                .toList();
    }

    private static boolean unreadable(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return false;
        } catch (InvalidMediaTypeException unparsable) {
            return true;
        }
    }

    private static boolean admitsJson(String accept) {
        try {
            List<MediaType> acceptable = MediaType.parseMediaTypes(accept);
            return acceptable.isEmpty()
                    || acceptable.stream()
                            .anyMatch(type ->
                                    type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
