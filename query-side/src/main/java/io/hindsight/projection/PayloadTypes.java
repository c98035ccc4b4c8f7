package io.hindsight.projection;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The concrete event classes a handled type stands for, when the compiler knows them all. */
final class PayloadTypes {

    private PayloadTypes() {}

    /**
     * The names of the concrete classes assignable to every one of {@code types}: a final class (a record)
     * stands for itself, a sealed type for what it permits; empty when any type is open to unknown subclasses.
     */
    static Optional<Set<String>> concreteNames(Collection<Class<?>> types) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : types) {
            if (!collect(type, names)) {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    private static boolean collect(Class<?> type, Set<String> names) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                if (!collect(permitted, names)) {
                    return false;
                }
            }
            if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                names.add(type.getName());
            }
            return true;
        }
        if (Modifier.isFinal(type.getModifiers()) && !type.isInterface()) {
            names.add(type.getName());
            return true;
        }
        return false;
    }
}
