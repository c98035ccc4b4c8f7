package io.hindsight.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the projection a read endpoint answers from. While that projection is rebuilt in place the
 * endpoint answers 503 PROJECTION_REPLAYING instead of a half-built result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadsProjection {

    String value();
}
