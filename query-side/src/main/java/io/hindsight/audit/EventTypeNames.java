package io.hindsight.audit;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.Text;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.stereotype.Component;

/**
 * The names a feed's {@code types=} may use: every event class, by its simple or full name in any letter case. An
 * event is a record that implements one of the per-aggregate event interfaces ({@code AccountEvent}, {@code
 * SlotEvent}, ...). A name no event class has is refused: {@code types=ProfileChange} had answered empty pages, as
 * if no profile ever changed.
 */
@Component
public class EventTypeNames {

    private static final String EVENTS_PACKAGE = "io.hindsight";

    /** Each event class's simple and full name, ASCII letters in lower case, to the full names it names. */
    private final Map<String, Set<String>> classesByName;

    public EventTypeNames() {
        this.classesByName = scan();
    }

    /**
     * The full class names {@code types} name, as the event store records payload types, so that the feed filters on
     * the stored column as it is; 400 VALIDATION_FAILED naming the first that names no event class.
     */
    public Set<String> payloadTypesOf(Set<String> types) {
        Set<String> classes = new TreeSet<>();
        for (String type : types) {
            Set<String> named = classesByName.get(AsciiCase.lowerCase(type));
            if (named == null) {
                throw new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "No event type is named '%s'; the feed's items show each event's type",
                        Text.sanitized(type, 200));
            }
            classes.addAll(named);
        }
        return Set.copyOf(classes);
    }

    private static Map<String, Set<String>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isFinal();
            }
        };
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName())
                        && Arrays.stream(reader.getClassMetadata().getInterfaceNames())
                                .anyMatch(name -> name.endsWith("Event")));
        Map<String, Set<String>> names = new HashMap<>();
        scanner.findCandidateComponents(EVENTS_PACKAGE).forEach(definition -> {
            String full = definition.getBeanClassName();
            names.computeIfAbsent(AsciiCase.lowerCase(full), name -> new TreeSet<>())
                    .add(full);
            names.computeIfAbsent(
                            AsciiCase.lowerCase(full.substring(full.lastIndexOf('.') + 1)), name -> new TreeSet<>())
                    .add(full);
        });
        Map<String, Set<String>> frozen = new HashMap<>();
        names.forEach((name, classes) -> frozen.put(name, Set.copyOf(classes)));
        return Map.copyOf(frozen);
    }
}
