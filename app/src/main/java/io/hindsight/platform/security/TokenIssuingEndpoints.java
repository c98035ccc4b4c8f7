package io.hindsight.platform.security;

import io.hindsight.platform.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The writes whose answer is a new session's tokens: sign-up (a member's or a merchant's), log-in, social log-in and
 * refresh. They are rate-limited per client address, and no response of theirs is kept for an idempotent replay:
 * the store would hold live tokens in plain text for a day, and a replayed refresh token is a spent one.
 */
public final class TokenIssuingEndpoints {

    private TokenIssuingEndpoints() {}

    public static boolean matches(HttpServletRequest request) {
        return matches(request.getMethod(), RequestPaths.routed(request));
    }

    /** Also for a path template ({@code /api/auth/social/{provider}}), as the API's description names it. */
    public static boolean matches(String method, String path) {
        if (!"POST".equalsIgnoreCase(method)) {
            return false;
        }
        return path.startsWith("/api/auth/") && !path.equals("/api/auth/logout") || path.equals("/api/merchants");
    }
}
