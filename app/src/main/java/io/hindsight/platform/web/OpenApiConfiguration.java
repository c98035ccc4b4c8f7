package io.hindsight.platform.web;

import io.hindsight.platform.security.TokenIssuingEndpoints;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The API's description at {@code /v3/api-docs}. Controllers declare the success statuses other than 200 they
 * answer ({@code @ApiResponse}); this adds what every operation shares: any of them may answer a problem, and every
 * write takes an {@code Idempotency-Key} - except the writes that answer with tokens, which ignore it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    @Bean
    public OpenAPI hindsightOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Hindsight API")
                        .version("v1")
                        .description("Event-sourced CQRS backend: commands, queries, full history. "
                                + "Errors are RFC 9457 problem+json with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problem()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    public OperationCustomizer problemsAndIdempotencyKeys() {
        return (operation, handler) -> {
            operation
                    .getResponses()
                    .addApiResponse(
                            "default",
                            new ApiResponse()
                                    .description("A refusal or failure: the `code` says which (docs/api.md lists them)")
                                    .content(new Content()
                                            .addMediaType(
                                                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                                    new MediaType()
                                                            .schema(new Schema<>()
                                                                    .$ref("#/components/schemas/" + PROBLEM)))));
            describeBoundRecords(operation, handler);
            RequestMapping mapping =
                    AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (mapping != null
                    && Arrays.stream(mapping.method())
                            .anyMatch(method -> IdempotencyFilter.WRITES.contains(method.name()))) {
                // a handler that reads the header itself (the wallet's) has it listed already: once only
                if (operation.getParameters() != null) {
                    operation
                            .getParameters()
                            .removeIf(parameter -> "header".equals(parameter.getIn())
                                    && IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()));
                }
                operation.addParametersItem(new HeaderParameter()
                        .name(IdempotencyFilter.HEADER)
                        .required(false)
                        .description("Sent again with the same body, the first response is answered and nothing"
                                + " changes; 1 to 200 characters")
                        .schema(new StringSchema().minLength(1).maxLength(200)));
            }
            return operation;
        };
    }

    /**
     * Sign-up, log-in, social log-in, refresh and merchant sign-up ignore {@code Idempotency-Key}: no answer holding
     * tokens is kept for a replay ({@link IdempotencyFilter}). The description promised a replay of the first
     * response there, and a client generated from it got 409 {@code EMAIL_TAKEN} for a repeated sign-up instead.
     */
    @Bean
    public OpenApiCustomizer noIdempotencyKeyWhereTokensAreAnswered() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                Operation post = item.readOperationsMap().get(PathItem.HttpMethod.POST);
                if (post != null && post.getParameters() != null && TokenIssuingEndpoints.matches("POST", path)) {
                    post.getParameters()
                            .removeIf(parameter -> "header".equals(parameter.getIn())
                                    && IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName()));
                    if (post.getParameters().isEmpty()) {
                        post.setParameters(null);
                    }
                }
            });
        };
    }

    /**
     * A live stream's answer was described by the emitter the handler returns ({@code {timeout}}), which is no part of
     * what a client reads: it reads a text of server-sent events, each a JSON {@code data} line with its {@code id}.
     */
    @Bean
    public OpenApiCustomizer eventStreamsDescribedAsText() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().stream()
                    .flatMap(item -> item.readOperations().stream())
                    .flatMap(operation -> operation.getResponses().values().stream())
                    .filter(response -> response.getContent() != null)
                    .map(response ->
                            response.getContent().get(org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE))
                    .filter(Objects::nonNull)
                    .forEach(stream -> stream.setSchema(new StringSchema()
                            .description("Server-sent events: each has an id (the position to resume after with"
                                    + " Last-Event-ID) and one data line of JSON; comment lines keep the connection")));
        };
    }

    /**
     * A record a handler takes without an annotation (the snack order listings' period) is bound by Spring from the
     * query parameters named as its components; springdoc described it as one required parameter holding an
     * object, which no client can send. Each component is listed instead, optional, with its type.
     */
    private static void describeBoundRecords(Operation operation, HandlerMethod handler) {
        Parameter[] declared = handler.getMethod().getParameters();
        for (int i = 0; i < declared.length; i++) {
            Class<?> type = declared[i].getType();
            if (!type.isRecord() || declared[i].getAnnotations().length > 0 || operation.getParameters() == null) {
                continue;
            }
            String name = declared[i].getName();
            if (!operation
                    .getParameters()
                    .removeIf(described -> "query".equals(described.getIn())
                            && described.getName().equals(name))) {
                continue;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                operation.addParametersItem(new QueryParameter()
                        .name(component.getName())
                        .required(false)
                        .schema(schemaOf(component)));
            }
        }
    }

    private static Schema<?> schemaOf(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == Integer.class || type == int.class) {
            return new IntegerSchema();
        }
        if (type == Long.class || type == long.class) {
            return new IntegerSchema().format("int64");
        }
        if (type == Boolean.class || type == boolean.class) {
            return new BooleanSchema();
        }
        if (type == LocalDate.class) {
            return new DateSchema();
        }
        if (type.isEnum()) {
            StringSchema named = new StringSchema();
            Arrays.stream(type.getEnumConstants()).forEach(constant -> named.addEnumItem(((Enum<?>) constant).name()));
            return named;
        }
        return new StringSchema();
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("stable: what a client branches on"))
                .addRequiredItem("code")
                .addRequiredItem("status");
    }
}
