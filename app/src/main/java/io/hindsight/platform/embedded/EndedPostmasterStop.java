package io.hindsight.platform.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Releasing a PostgreSQL whose process already ended runs its {@code pg_ctl stop}, which fails, and zonky logs that
 * at ERROR with a stack trace: an alarm for the very failure the node is recovering from. While this thread releases
 * such a server, zonky's ERRORs are left out; the node says once, at WARN, what it is doing.
 */
final class EndedPostmasterStop extends TurboFilter {

    private static final String ZONKY = EmbeddedPostgres.class.getName();
    private static final EndedPostmasterStop FILTER = new EndedPostmasterStop();

    private final ThreadLocal<Boolean> releasing = ThreadLocal.withInitial(() -> false);

    private EndedPostmasterStop() {
        start();
    }

    static void releasing(Runnable close) {
        installed();
        FILTER.releasing.set(true);
        try {
            close.run();
        } finally {
            FILTER.releasing.remove();
        }
    }

    /** Logging may have been reset since (a test's second application context): installed again where it is not. */
    private static synchronized void installed() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging
                && !logging.getTurboFilterList().contains(FILTER)) {
            logging.addTurboFilter(FILTER);
        }
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        return releasing.get() && logger != null && ZONKY.equals(logger.getName()) && Level.ERROR.equals(level)
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
