package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.QueryRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Refuses reads of a projection that is being rebuilt in place (see {@link ReadsProjection}): before the handler runs,
 * and again before its answer is written, since a rebuild that started while the handler read would have shown it
 * the emptied read model (counts of 0 as if they were real).
 */
@QueryRole
@ControllerAdvice
public class ProjectionAvailability implements WebMvcConfigurer, HandlerInterceptor, ResponseBodyAdvice<Object> {

    private static final String SEEN = ProjectionAvailability.class.getName() + ".seen";

    private final ReplayRecords records;

    public ProjectionAvailability(ReplayRecords records) {
        this.records = records;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            ReadsProjection reads =
                    AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ReadsProjection.class);
            if (reads == null) {
                reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
            }
            if (reads != null) {
                ReplayRecords.InPlaceRebuilds seen = records.inPlaceRebuilds(reads.value());
                refuseIfRunning(reads.value(), seen);
                request.setAttribute(SEEN, new Seen(reads.value(), seen));
            }
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail)
                && request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(SEEN) instanceof Seen seen) {
            ReplayRecords.InPlaceRebuilds now = records.inPlaceRebuilds(seen.projection());
            refuseIfRunning(seen.projection(), now);
            if (!now.equals(seen.rebuilds())) {
                throw replaying(seen.projection());
            }
        }
        return body;
    }

    private static void refuseIfRunning(String projection, ReplayRecords.InPlaceRebuilds rebuilds) {
        if (rebuilds.running()) {
            throw replaying(projection);
        }
    }

    private static BusinessException replaying(String projection) {
        return new BusinessException(
                CommonError.PROJECTION_REPLAYING, "The %s read model is being rebuilt; try again shortly", projection);
    }

    private record Seen(String projection, ReplayRecords.InPlaceRebuilds rebuilds) {}
}
