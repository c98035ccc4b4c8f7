package io.hindsight.platform.security;

import io.hindsight.account.token.AccessTokens;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.common.CommonError;
import io.hindsight.platform.web.AllowedMethods;
import io.hindsight.platform.web.Problems;
import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Stateless bearer-token security. Which endpoint needs which role is declared next to the endpoint
 * ({@code @PreAuthorize} or {@code @PublicEndpoint}; an architecture test keeps every endpoint declared);
 * this chain authenticates, refuses anonymous calls to non-public endpoints up front, and renders
 * 401/403 as problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final Set<String> SERVED_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Bean
    public SecurityFilterChain apiSecurity(
            HttpSecurity http,
            AccessTokens accessTokens,
            TokenRevocations revocations,
            Problems problems,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // An async dispatch finishes a response the request's own dispatch was let through for: a live
                // stream whose client left. It carries no token, so checked again it was denied, and logged as an
                // ERROR with the committed response it could not answer.
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        // OPTIONS asks which methods a path takes (Allow), the same for every caller and every id;
                        // an anonymous one was 401 on any non-public path
                        .requestMatchers(HttpMethod.OPTIONS)
                        .permitAll()
                        .requestMatchers(new PublicEndpoints(handlers))
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .addFilterBefore(
                        new JwtAuthenticationFilter(
                                accessTokens, revocations, problems, PublicEndpoints.ignoringTokens(handlers)),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            // RFC 9110: a 401 names the scheme that would be accepted
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(
                                    request,
                                    response,
                                    CommonError.UNAUTHENTICATED,
                                    "This endpoint needs a valid access token");
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                request, response, CommonError.FORBIDDEN, "Your roles do not allow this")))
                .build();
    }

    /**
     * No observation per security filter: with an observation registry present Spring Security wraps each filter
     * of every request in one (13 % of a request thread's time); the request itself is still observed once.
     */
    @Bean
    public static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The firewall's refusals (a ';', '//', '%25' or '..' in the path, a method it does not let through, a control
     * character in a header) as problem+json rather than Boot's error page. TRACE and made-up methods were told their
     * URL was not acceptable, and so was an {@code Idempotency-Key} written in emoji. A refused method's 405 names in
     * {@code Allow} the methods the path is served with, as HTTP requires and MVC's own 405 does.
     */
    @Bean
    public RequestRejectedHandler requestRejectedHandler(Problems problems, AllowedMethods allowedMethods) {
        return (request, response, e) -> {
            if (!SERVED_METHODS.contains(request.getMethod())) {
                response.setHeader(HttpHeaders.ALLOW, allowedMethods.header(request));
                problems.write(request, response, Problems.ofStatus(HttpStatus.METHOD_NOT_ALLOWED));
                return;
            }
            problems.write(request, response, CommonError.MALFORMED_REQUEST, refusedPart(e) + " is not acceptable");
        };
    }

    /** What the firewall refused, from its message: it names a header it refuses as one, anything else is the URL. */
    private static String refusedPart(RequestRejectedException refusal) {
        String message = String.valueOf(refusal.getMessage());
        return message.contains("header")
                ? "A header's name or value (header values are text in ISO-8859-1, without control characters)"
                : "The request URL";
    }
}
