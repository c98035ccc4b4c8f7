package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;

/**
 * A client branches on {@code code}: every code the API can answer is written in the docs (api.md lists the shared ones,
 * each area's page its own). Four codes were answered and listed nowhere until a sweep found them.
 */
class ErrorCodesDocumentedTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyCodeTheApiAnswersIsInTheDocs() throws IOException {
        String docs = allDocs();
        List<String> codes = new ArrayList<>(everyErrorCode());
        Arrays.stream(HttpStatus.values())
                .filter(HttpStatus::isError)
                .map(Problems::codeFor)
                .forEach(codes::add);
        assertThat(codes).hasSizeGreaterThan(100);
        assertThat(codes.stream().filter(code -> !docs.contains("`" + code + "`")))
                .as("codes no doc lists")
                .isEmpty();
    }

    private static List<String> everyErrorCode() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
        return scanner.findCandidateComponents("io.hindsight").stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .filter(Class::isEnum)
                .flatMap(type -> Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()))
                .toList();
    }

    private static String allDocs() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".md")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
