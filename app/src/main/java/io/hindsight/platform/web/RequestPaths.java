package io.hindsight.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is routed by: decoded, as Spring MVC matches it. A filter that chose by the raw URI missed
 * {@code /api/%61uth/login}, which reached the log-in all the same: the credential endpoints' rate limit was skipped.
 */
public final class RequestPaths {

    private RequestPaths() {}

    public static String routed(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }
}
