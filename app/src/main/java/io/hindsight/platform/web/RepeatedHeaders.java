package io.hindsight.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/** Headers a request must send once: one component reading the first and another all of them disagree on it. */
public final class RepeatedHeaders {

    private RepeatedHeaders() {}

    /** Whether {@code name} came more than once; reads no further than the second, so a request pays one look. */
    public static boolean sentTwice(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }
}
