package io.hindsight.account.web;

import io.hindsight.common.LookAlikes;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An email written in plain characters: no invisible format character (a zero-width space, a soft hyphen), no space
 * inside it, and nothing Unicode NFKC would turn into another character (full-width letters, ligatures). Such an
 * address is shown exactly like a plain one, so it could pass for another account's - the bootstrap ADMIN's - in
 * every list; emails are keyed as written, so a look-alike is refused rather than folded into the one it imitates.
 */
@Documented
@Constraint(validatedBy = PlainEmail.Check.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface PlainEmail {

    String message() default
            "must be written in plain characters: no invisible or space characters, no full-width or other look-alike forms";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PlainEmail, String> {

        @Override
        public boolean isValid(String email, ConstraintValidatorContext context) {
            return email == null || LookAlikes.isPlain(email);
        }
    }
}
