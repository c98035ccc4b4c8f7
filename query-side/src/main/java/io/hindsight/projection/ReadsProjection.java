package io.hindsight.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the projections a read endpoint answers from as a whole (a list, a balance, a statistic). The read waits
 * until they have folded what was committed before it (read-your-writes, see {@code ProjectionCatchUp}); while one
 * of them is rebuilt in place the endpoint answers 503 PROJECTION_REPLAYING instead of a half-built result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadsProjection {

    String[] value();
}
