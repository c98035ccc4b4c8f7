package io.hindsight.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** The request as the handlers after a filter should read it: one header given another value, or taken out. */
public final class HeaderReplacingRequest extends HttpServletRequestWrapper {

    private final String header;
    private final String value;

    private HeaderReplacingRequest(HttpServletRequest request, String header, String value) {
        super(request);
        this.header = header;
        this.value = value;
    }

    /** The request with {@code header} set to {@code value}, or without it when {@code value} is null. */
    public static HttpServletRequest of(HttpServletRequest request, String header, String value) {
        return new HeaderReplacingRequest(request, header, value);
    }

    @Override
    public String getHeader(String name) {
        return header.equalsIgnoreCase(name) ? value : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!header.equalsIgnoreCase(name)) {
            return super.getHeaders(name);
        }
        return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames()).stream()
                .filter(name -> value != null || !header.equalsIgnoreCase(name))
                .toList();
        return Collections.enumeration(names);
    }
}
