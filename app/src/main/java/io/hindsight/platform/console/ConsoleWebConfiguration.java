package io.hindsight.platform.console;

import io.hindsight.platform.web.HeaderReplacingRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The auditor's and operator's console: static files under {@code /console/}, public like any page, served
 * with a strict Content-Security-Policy (no inline script or style, nothing from other origins). Every API
 * it calls checks the caller's token and roles itself.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> consoleSecurityHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                        response.setHeader("Referrer-Policy", "no-referrer");
                        response.setHeader("X-Content-Type-Options", "nosniff");
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/console", "/console/*");
        return registration;
    }

    /**
     * A {@code Range} the console's files cannot be served by (another unit than {@code bytes}, or a range set that
     * does not parse or is empty) is ignored and the whole file served, as RFC 9110 asks of a unit the server does not
     * support: Spring's resource handler answered 416 to any such header, and 206 with no part to {@code bytes=}. A
     * range that parses but lies past the file's end is still the handler's 416.
     */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> consoleRanges() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                            throws ServletException, IOException {
                        String range = request.getHeader(HttpHeaders.RANGE);
                        chain.doFilter(
                                range == null || servable(range)
                                        ? request
                                        : HeaderReplacingRequest.of(request, HttpHeaders.RANGE, null),
                                response);
                    }
                });
        registration.addUrlPatterns("/console", "/console/*", "/webjars/*");
        return registration;
    }

    static boolean servable(String range) {
        try {
            return !HttpRange.parseRanges(range).isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
