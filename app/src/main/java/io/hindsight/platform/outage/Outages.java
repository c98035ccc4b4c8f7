package io.hindsight.platform.outage;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the infrastructure - PostgreSQL or Redis unreachable, hung or refusing connections, a
 * lock that cannot be had in time - from a failure of the request. The former is a 503 the client may retry;
 * the latter never is.
 */
public final class Outages {

    private Outages() {}

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
