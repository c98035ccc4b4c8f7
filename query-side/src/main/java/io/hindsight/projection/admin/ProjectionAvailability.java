package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.HandlerAnnotation;
import io.hindsight.query.QueryRole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
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
 * Guards the reads of {@link ReadsProjection} endpoints. Refuses reads of a projection that is being rebuilt in place:
 * before the handler runs, and again before its answer is written, since a rebuild that started while the handler
 * read would have shown it the emptied read model (counts of 0 as if they were real). Then lets the handler read
 * once the projections have folded what was committed before the request ({@link ProjectionCatchUp}).
 */
@QueryRole
@ControllerAdvice
public class ProjectionAvailability implements WebMvcConfigurer, HandlerInterceptor, ResponseBodyAdvice<Object> {

    private static final String SEEN = ProjectionAvailability.class.getName() + ".seen";

    private final ReplayRecords records;
    private final ProjectionCatchUp catchUp;
    private final ProjectionRegistry projections;
    private final Map<String, Boolean> rebuiltInPlace = new ConcurrentHashMap<>();
    private final HandlerAnnotation<ReadsProjection> readsOf = new HandlerAnnotation<>(ReadsProjection.class);

    public ProjectionAvailability(ReplayRecords records, ProjectionCatchUp catchUp, ProjectionRegistry projections) {
        this.records = records;
        this.catchUp = catchUp;
        this.projections = projections;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            ReadsProjection reads = readsOf.on(method).orElse(null);
            if (reads != null) {
                List<Seen> seen = new ArrayList<>();
                for (String projection : reads.value()) {
                    if (!rebuiltInPlace(projection)) {
                        continue;
                    }
                    ReplayRecords.InPlaceRebuilds rebuilds = records.inPlaceRebuilds(projection);
                    refuseIfRunning(projection, rebuilds);
                    seen.add(new Seen(projection, rebuilds));
                }
                request.setAttribute(SEEN, new SeenBefore(seen));
                for (String projection : reads.value()) {
                    catchUp.awaitCommitted(projection);
                }
            }
        }
        return true;
    }

    /**
     * Only a projection rebuilt in place has reads to refuse (the others are rebuilt beside the live tables), so only
     * its reads ask Redis; a name no projection has is treated as one, to be safe.
     */
    private boolean rebuiltInPlace(String projection) {
        return rebuiltInPlace.computeIfAbsent(
                projection,
                name -> Optional.ofNullable(projections.all().get(name))
                        .map(Projection::rebuiltInPlace)
                        .orElse(true));
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
                && servlet.getServletRequest().getAttribute(SEEN) instanceof SeenBefore before) {
            for (Seen seen : before.projections()) {
                ReplayRecords.InPlaceRebuilds now = records.inPlaceRebuilds(seen.projection());
                refuseIfRunning(seen.projection(), now);
                if (!now.equals(seen.rebuilds())) {
                    throw replaying(seen.projection());
                }
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

    private record SeenBefore(List<Seen> projections) {}
}
