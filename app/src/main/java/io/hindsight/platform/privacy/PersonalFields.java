package io.hindsight.platform.privacy;

import io.hindsight.common.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The paths of the {@link PersonalData} components of an event class, e.g. {@code profile.nickname}. */
final class PersonalFields {

    private static final Map<Class<?>, List<String>> PATHS = new ConcurrentHashMap<>();

    private PersonalFields() {}

    static List<String> of(String eventClassName) {
        try {
            return of(Class.forName(eventClassName, false, PersonalFields.class.getClassLoader()));
        } catch (ClassNotFoundException gone) {
            return List.of();
        }
    }

    static List<String> of(Class<?> eventClass) {
        return PATHS.computeIfAbsent(eventClass, type -> {
            List<String> paths = new ArrayList<>();
            collect(type, "", paths, 0);
            return List.copyOf(paths);
        });
    }

    private static void collect(Class<?> type, String prefix, List<String> paths, int depth) {
        if (!type.isRecord() || depth > 4) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            if (component.isAnnotationPresent(PersonalData.class)) {
                paths.add(path);
            } else {
                collect(component.getType(), path + ".", paths, depth + 1);
            }
        }
    }
}
