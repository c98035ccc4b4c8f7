package io.hindsight.platform.security;

import io.hindsight.account.token.AccessTokens;
import io.hindsight.account.token.AccessTokens.VerifiedToken;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.CommonError;
import io.hindsight.platform.web.Problems;
import io.hindsight.platform.web.RepeatedHeaders;
import io.hindsight.platform.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a bearer access token: signature, issuer, audience and expiry, then the revocation
 * check. The check fails closed - if Redis cannot answer, the request is refused with 503. Resigning voids
 * every token, yet the member may then erase their personal data: a revoked but unexpired token reaches
 * {@code DELETE /api/me/personal-data} only, without roles and marked {@link #REVOKED_ATTRIBUTE}; the
 * erasure accepts it only for an account that has resigned.
 */
public class JwtAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticationFilter.class);
    private static final String BEARER = "Bearer ";
    public static final String REVOKED_ATTRIBUTE = "hindsight.tokenRevoked";

    /** The token a request was let through with, for what outlives the request: a live stream. */
    public static final String VERIFIED_TOKEN_ATTRIBUTE = "hindsight.verifiedToken";

    static final String OWN_ERASURE_PATH = "/api/me/personal-data";

    private final AccessTokens accessTokens;
    private final TokenRevocations revocations;
    private final Problems problems;
    private final RequestMatcher ignoringTokens;

    /** {@code ignoringTokens}: where a token that does not count is ignored, asked only of such a token. */
    public JwtAuthenticationFilter(
            AccessTokens accessTokens, TokenRevocations revocations, Problems problems, RequestMatcher ignoringTokens) {
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.problems = problems;
        this.ignoringTokens = ignoringTokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        // The first of two was taken, whoever else reads the request (a proxy, a log) may take the other: nginx
        // refuses the request with 400, so a node answers as the proxy in front of it does.
        if (RepeatedHeaders.sentTwice(request, HttpHeaders.AUTHORIZATION)) {
            problems.write(request, response, CommonError.MALFORMED_REQUEST, "Send one Authorization header, not two");
            return;
        }
        Optional<VerifiedToken> verified = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? accessTokens.verify(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (verified.isEmpty() && ignoringTokens.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (verified.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(
                    request, response, CommonError.TOKEN_INVALID, "The access token is malformed, forged or expired");
            return;
        }
        VerifiedToken token = verified.get();
        boolean revoked;
        boolean ownErasure =
                "DELETE".equals(request.getMethod()) && OWN_ERASURE_PATH.equals(RequestPaths.routed(request));
        boolean mayStillErase;
        try {
            revoked = revocations.isRevoked(token.accountId(), token.familyId(), token.issuedAt());
            mayStillErase = revoked
                    && ownErasure
                    && revocations.revokedOnlyByResignation(token.accountId(), token.familyId(), token.issuedAt());
        } catch (DataAccessException | IllegalStateException unavailable) {
            if (ignoringTokens.matches(request)) {
                chain.doFilter(request, response);
                return;
            }
            log.warn("Token revocation check failed, refusing the request: {}", unavailable.toString());
            problems.write(
                    request,
                    response,
                    CommonError.DEPENDENCY_UNAVAILABLE,
                    "Tokens cannot be checked right now; try again shortly");
            return;
        }
        if (mayStillErase) {
            request.setAttribute(REVOKED_ATTRIBUTE, Boolean.TRUE);
            AuthenticatedAccount principal = new AuthenticatedAccount(
                    token.accountId(), Set.of(), token.tokenId(), token.familyId(), token.issuedAt());
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
            chain.doFilter(request, response);
            return;
        }
        if (revoked && ignoringTokens.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (revoked) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(
                    request, response, CommonError.TOKEN_REVOKED, "The access token has been revoked; log in again");
            return;
        }
        request.setAttribute(VERIFIED_TOKEN_ATTRIBUTE, token);
        AuthenticatedAccount principal = new AuthenticatedAccount(
                token.accountId(), token.roles(), token.tokenId(), token.familyId(), token.issuedAt());
        List<SimpleGrantedAuthority> authorities = token.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        chain.doFilter(request, response);
    }
}
