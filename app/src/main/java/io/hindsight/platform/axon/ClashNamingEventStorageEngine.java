package io.hindsight.platform.axon;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Axon names a clash on the event store's (aggregate id, sequence) key after the first event of the unit of work's
 * batch: a stream's creation when that event is the first of its aggregate, whichever row actually clashed. A funding's
 * batch starts with its new ledger transfer, so a funding that lost the race on its campaign's sequence was reported
 * as the transfer "already existing", and after its retries answered 409 ALREADY_EXISTS to a backer who had never
 * funded. PostgreSQL names the row that clashed; when that row is not the first of its stream, the clash is a lost race
 * on an existing aggregate, a ConcurrencyException. The row is read from the error's detail, which PostgreSQL writes in
 * the language of its {@code lc_messages}; where that is not English nothing is read, and Axon's naming stands.
 */
class ClashNamingEventStorageEngine extends JdbcEventStorageEngine {

    private static final Pattern CLASHING_KEY =
            Pattern.compile("Key \\(aggregate_identifier, sequence_number\\)=\\((.*), (\\d+)\\) already exists");

    ClashNamingEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected void handlePersistenceException(Exception exception, EventMessage<?> failedEvent) {
        Optional<Long> clashedAt = clashingSequence(exception);
        if (clashedAt.isPresent() && clashedAt.get() > 0) {
            throw new ConcurrencyException(
                    "An event was already stored at sequence " + clashedAt.get() + " of its aggregate", exception);
        }
        super.handlePersistenceException(exception, failedEvent);
    }

    /** The sequence of the row PostgreSQL refused as a duplicate of the event store's key, when it says so. */
    static Optional<Long> clashingSequence(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = next(cause), depth++) {
            if (cause instanceof PSQLException refused && "23505".equals(refused.getSQLState())) {
                ServerErrorMessage message = refused.getServerErrorMessage();
                String detail = message == null ? null : message.getDetail();
                Matcher key = detail == null ? null : CLASHING_KEY.matcher(detail);
                if (key != null && key.find()) {
                    return Optional.of(Long.parseLong(key.group(2)));
                }
            }
        }
        return Optional.empty();
    }

    /** A batch's failure holds the statement's in its chain of next exceptions, not as its cause. */
    private static Throwable next(Throwable failure) {
        if (failure instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != sql) {
            return sql.getNextException();
        }
        return failure.getCause() == failure ? null : failure.getCause();
    }
}
