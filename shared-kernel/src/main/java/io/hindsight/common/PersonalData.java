package io.hindsight.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event record component as personal data: the event serializer stores it encrypted with the key
 * of the account it belongs to, and once that key is erased every reader sees null in its place.
 * {@link #subject()} names the component of the event (the outermost record being stored) that holds that
 * account's id; nested records name a component of the event that carries them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {

    String subject() default "accountId";
}
