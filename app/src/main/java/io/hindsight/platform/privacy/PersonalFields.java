package io.hindsight.platform.privacy;

import io.hindsight.common.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The paths of the {@link PersonalData} components of an event class, e.g. {@code profile.nickname}. */
final class PersonalFields {

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    /** A personal field's path and the event component naming the account it belongs to. */
    record Field(String path, String subject) {}

    private PersonalFields() {}

    static List<String> of(String eventClassName) {
        try {
            return of(Class.forName(eventClassName, false, PersonalFields.class.getClassLoader()));
        } catch (ClassNotFoundException gone) {
            return List.of();
        }
    }

    static List<String> of(Class<?> eventClass) {
        return fieldsOf(eventClass).stream().map(Field::path).toList();
    }

    static List<Field> fieldsOf(String eventClassName) {
        try {
            return fieldsOf(Class.forName(eventClassName, false, PersonalFields.class.getClassLoader()));
        } catch (ClassNotFoundException gone) {
            return List.of();
        }
    }

    static List<Field> fieldsOf(Class<?> eventClass) {
        return FIELDS.computeIfAbsent(eventClass, type -> {
            List<Field> fields = new ArrayList<>();
            collect(type, "", fields, 0);
            return List.copyOf(fields);
        });
    }

    private static void collect(Class<?> type, String prefix, List<Field> fields, int depth) {
        if (!type.isRecord() || depth > 4) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                fields.add(new Field(path, personal.subject()));
            } else {
                collect(component.getType(), path + ".", fields, depth + 1);
            }
        }
    }
}
