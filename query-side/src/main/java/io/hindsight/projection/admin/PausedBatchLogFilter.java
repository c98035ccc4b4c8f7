package io.hindsight.projection.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.hindsight.projection.admin.ProjectionPause.ProjectionPausedException;
import org.slf4j.Marker;

/**
 * A batch a replay's pause stopped is the pause working, not a failure; Axon's work package logged each as a WARN
 * with its whole stack trace, for operators to wonder about. Its other warnings are left as they are.
 *
 * <p>Declared in {@code logback-spring.xml}.
 */
public class PausedBatchLogFilter extends TurboFilter {

    /** Package-private in Axon: named by its logger. */
    static final String WORK_PACKAGE = "org.axonframework.eventhandling.pooled.WorkPackage";

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (logger == null || !WORK_PACKAGE.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Object last = params == null || params.length == 0 ? null : params[params.length - 1];
        Throwable failure = thrown != null ? thrown : last instanceof Throwable t ? t : null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProjectionPausedException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
