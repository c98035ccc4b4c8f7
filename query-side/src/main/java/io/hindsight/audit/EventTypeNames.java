package io.hindsight.audit;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.Text;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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

    private final Set<String> known;

    public EventTypeNames() {
        this.known = scan();
    }

    /** {@code types} as they are, when each names an event class; 400 VALIDATION_FAILED naming the first that does not. */
    public Set<String> checked(Set<String> types) {
        for (String type : types) {
            if (!known.contains(AsciiCase.lowerCase(type))) {
                throw new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "No event type is named '%s'; the feed's items show each event's type",
                        Text.sanitized(type, 200));
            }
        }
        return types;
    }

    private static Set<String> scan() {
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
        Set<String> names = new HashSet<>();
        scanner.findCandidateComponents(EVENTS_PACKAGE).forEach(definition -> {
            String full = definition.getBeanClassName();
            names.add(full.toLowerCase(Locale.ROOT));
            names.add(full.substring(full.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        });
        return names.stream().collect(Collectors.toUnmodifiableSet());
    }
}
