package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.QueryRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Refuses reads of a projection that is being rebuilt in place (see {@link ReadsProjection}). */
@QueryRole
@Configuration(proxyBeanMethods = false)
public class ProjectionAvailability implements WebMvcConfigurer, HandlerInterceptor {

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
            if (reads != null && records.isRebuildingInPlace(reads.value())) {
                throw new BusinessException(
                        CommonError.PROJECTION_REPLAYING,
                        "The %s read model is being rebuilt; try again shortly",
                        reads.value());
            }
        }
        return true;
    }
}
