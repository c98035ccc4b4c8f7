package io.hindsight.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.CommonError;
import java.io.IOException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * A cross-origin request the API does not allow (no origin is configured) is refused as every other one is: 403
 * problem+json with a code. Spring's own refusal was the text "Invalid CORS request" with no content type.
 */
public class ProblemCorsProcessor extends DefaultCorsProcessor {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = Problems.of(
                HttpStatus.FORBIDDEN, CommonError.FORBIDDEN.name(), "Requests from this origin are not allowed");
        // the refusal is handed the response alone; the dispatcher keeps the request it serves on this thread
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes served) {
            problem.setInstance(Problems.instanceOf(served.getRequest()));
        }
        response.getBody().write(JSON.writeValueAsBytes(problem));
        response.flush();
    }

    @Configuration(proxyBeanMethods = false)
    static class Installation {

        @Bean
        static BeanPostProcessor problemCorsProcessorOnHandlerMappings() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof AbstractHandlerMapping mapping) {
                        mapping.setCorsProcessor(new ProblemCorsProcessor());
                    }
                    return bean;
                }
            };
        }
    }
}
