package io.hindsight.platform.outage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * While PostgreSQL or Redis is away, every background poller (Axon's event store reader and processors, the
 * scheduler, the live streams, the pool) logs each failed try with its whole stack trace, several at ERROR: a
 * 12-second outage wrote over 2,000 lines, and the ERRORs paged operators for what the node rides out by itself.
 * Such a failure ({@link Outages#isOutage}) is logged instead as one line without the trace (WARN, or INFO where
 * it was INFO), at most once per {@link #EVERY} for each logger that met it; everything else passes unchanged,
 * and so does a failed start.
 *
 * <p>Declared in {@code logback-spring.xml}.
 */
public class OutageLogFilter extends TurboFilter {

    static final Duration EVERY = Duration.ofSeconds(10);

    /** Where Boot reports a start that failed: a node does not ride that out, it ends, and the trace says why. */
    private static final String STARTS = "org.springframework.boot.SpringApplication";

    private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public OutageLogFilter() {
        this(System::nanoTime);
    }

    OutageLogFilter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable thrown) {
        if (logger == null
                || level == null
                || !level.isGreaterOrEqual(Level.INFO)
                || !level.isGreaterOrEqual(logger.getEffectiveLevel())
                || isOwn(logger)
                || STARTS.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Object last = params == null || params.length == 0 ? null : params[params.length - 1];
        Throwable failure = thrown != null ? thrown : last instanceof Throwable t ? t : null;
        if (failure == null || !Outages.isOutage(failure)) {
            return FilterReply.NEUTRAL;
        }
        if (due(logger.getName())) {
            Logger own = logger.getLoggerContext().getLogger(OutageLogFilter.class);
            String line = "{}: {} - a dependency is unavailable: {} (repeats within {} s not logged; the node retries"
                    + " by itself)";
            Object[] values = {
                logger.getName(),
                MessageFormatter.arrayFormat(String.valueOf(format), params).getMessage(),
                rootOf(failure),
                EVERY.toSeconds()
            };
            if (level.isGreaterOrEqual(Level.WARN)) {
                own.warn(line, values);
            } else {
                own.info(line, values);
            }
        }
        return FilterReply.DENY;
    }

    private boolean isOwn(Logger logger) {
        return OutageLogFilter.class.getName().equals(logger.getName());
    }

    private boolean due(String loggerName) {
        long now = nanoTime.getAsLong();
        AtomicLong last = lastLogged.computeIfAbsent(loggerName, name -> new AtomicLong(now - EVERY.toNanos()));
        long before = last.get();
        return now - before >= EVERY.toNanos() && last.compareAndSet(before, now);
    }

    private static String rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
