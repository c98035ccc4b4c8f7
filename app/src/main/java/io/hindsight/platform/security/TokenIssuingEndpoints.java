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
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = RequestPaths.routed(request);
        return path.startsWith("/api/auth/") && !path.equals("/api/auth/logout") || path.equals("/api/merchants");
    }
}
