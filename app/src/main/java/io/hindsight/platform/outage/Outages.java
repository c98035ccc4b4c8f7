package io.hindsight.platform.outage;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Set;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Tells a failure of the infrastructure - PostgreSQL or Redis unreachable, hung or refusing connections, a
 * lock that cannot be had in time - from a failure of the request. The former is a 503 the client may retry;
 * the latter never is.
 */
public final class Outages {

    /**
     * The error codes with which Redis refuses a command for a state of its own, not for the command: out of memory
     * under {@code noeviction} (OOM), a replica after a fail-over (READONLY), still loading its data after a restart
     * (LOADING), unable to persist with {@code stop-writes-on-bgsave-error} (MISCONF), a slow script running (BUSY),
     * no master or too few replicas (MASTERDOWN, NOREPLICAS), a cluster resharding or down (TRYAGAIN, CLUSTERDOWN).
     */
    private static final Set<String> REDIS_REFUSALS = Set.of(
            "OOM", "READONLY", "LOADING", "MISCONF", "BUSY", "MASTERDOWN", "NOREPLICAS", "TRYAGAIN", "CLUSTERDOWN");

    private static final String SCRIPT_ERROR = "ERR Error running script";

    private Outages() {}

    /**
     * Whether Redis refused a command for its own state ({@link #REDIS_REFUSALS}), as it answers once it is itself
     * again: a Redis at its memory limit had made a log-out, a password change and a resignation 500s, and parked
     * the snack reaction an event was folding into its sets as a dead letter for good.
     */
    public static boolean isRedisRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (refusedByRedis(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean refusedByRedis(Throwable failure) {
        if (!(failure instanceof RedisCommandExecutionException || failure instanceof JedisDataException)
                || failure.getMessage() == null) {
            return false;
        }
        String message = failure.getMessage().strip();
        // Redis before 7 wraps what a script's command was refused with: "ERR Error running script (call to f_...):
        // @user_script:1: @user_script: 1: -OOM command not allowed ..."; Redis 7 answers "OOM ... script: ..."
        int refusedInScript = message.startsWith(SCRIPT_ERROR) ? message.indexOf(": -") : -1;
        String answer = refusedInScript < 0 ? message : message.substring(refusedInScript + 3);
        return REDIS_REFUSALS.contains(answer.split("\\s", 2)[0].toUpperCase(Locale.ROOT));
    }

    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof RedisConnectionFailureException
                    || cause instanceof RedisConnectionException
                    || cause instanceof RedisCommandTimeoutException
                    || cause instanceof LockAcquisitionFailedException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SocketTimeoutException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (refusedByRedis(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql && (unavailable(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * HikariCP answers a statement on a connection it already closed (because an earlier statement on it failed,
     * and that failure was swallowed - Axon does so for a snapshot it cannot read) without a SQLState.
     */
    private static boolean closedByPool(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    /**
     * Connection failures (08), the server shutting down or not yet accepting connections (57P01-57P03),
     * insufficient resources (53), a lock not had within {@code lock_timeout} (55P03), a statement cancelled
     * by a timeout (57014).
     */
    private static boolean unavailable(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08")
                        || sqlState.startsWith("53")
                        || sqlState.startsWith("57P0")
                        || sqlState.equals("55P03")
                        || sqlState.equals("57014"));
    }
}
