package io.hindsight.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a web endpoint anyone may call without a token; every other endpoint declares who may call it. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {

    /**
     * True where the request carries its own credentials and never reads a caller (sign-up, log-in, refresh): a
     * token sent along that no longer counts (expired, revoked) is ignored rather than refused, or a client that
     * still sends its expired access token could never refresh it.
     */
    boolean ignoresToken() default false;
}
