package io.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class FailureCausesTest {

    @Test
    void aUniqueKeyIsNamedWithoutTheKeyItHeld() {
        var refused = new DuplicateKeyException(
                "PreparedStatementCallback; bad SQL",
                postgres(
                        "23505",
                        "duplicate key value violates unique constraint \"account_email_key\"",
                        "Key (email)=(mina@example.com) already exists.",
                        "account",
                        "account_email_key",
                        null));

        String text = FailureCauses.describe(refused);

        assertThat(text)
                .isEqualTo("SQLState 23505: duplicate key value violates unique constraint \"account_email_key\""
                        + " (constraint account_email_key, table account)")
                .doesNotContain("mina");
    }

    @Test
    void aValueQuotedInTheMessageItselfIsLeftOut() {
        var unreadable = new DataIntegrityViolationException(
                "bad",
                postgres(
                        "22P02",
                        "invalid input syntax for type integer: \"Mina \"Kim\" Lee\"",
                        null,
                        null,
                        null,
                        null));

        assertThat(FailureCauses.describe(unreadable))
                .isEqualTo("SQLState 22P02: invalid input syntax for type integer: (value)");
    }

    @Test
    void aFailingRowIsNotQuoted() {
        var refused = postgres(
                "23502",
                "null value in column \"name\" of relation \"poison_probe\" violates not-null constraint",
                "Failing row contains (id-1, null, 0).",
                "poison_probe",
                null,
                "name");

        assertThat(FailureCauses.describe(new RuntimeException("wrapped: " + refused, refused)))
                .isEqualTo("SQLState 23502: null value in column \"name\" of relation \"poison_probe\" violates"
                        + " not-null constraint (table poison_probe, column name)");
    }

    @Test
    void theServersErrorBehindABatchIsTheOneDescribed() {
        var batch = new java.sql.BatchUpdateException("Batch entry 0 INSERT ... ('Mina') was aborted", "23514", null);
        batch.setNextException(postgres(
                "23514",
                "new row for relation \"account_view\" violates check constraint \"refuses_rejected_names\"",
                "Failing row contains (Mina).",
                "account_view",
                "refuses_rejected_names",
                null));

        assertThat(FailureCauses.describe(new DataIntegrityViolationException("batch", batch)))
                .isEqualTo("SQLState 23514: new row for relation \"account_view\" violates check constraint"
                        + " \"refuses_rejected_names\" (constraint refuses_rejected_names, table account_view)");
    }

    @Test
    void aProjectionsOwnMessageIsKeptWithoutTheDetailOfADatabaseErrorItQuotes() {
        assertThat(FailureCauses.describe(new IllegalStateException("Cannot project event 7 of account-1")))
                .isEqualTo("Cannot project event 7 of account-1");
        assertThat(FailureCauses.scrubbed("PreparedStatementCallback; SQL [INSERT INTO t VALUES (?)]; ERROR: new row"
                        + " for relation \"t\" violates check constraint \"t_check\"\n  Detail: Failing row contains"
                        + " (a@b.c, 1)."))
                .isEqualTo("PreparedStatementCallback; SQL [INSERT INTO t VALUES (?)]; ERROR: new row for relation"
                        + " \"t\" violates check constraint \"t_check\"");
        assertThat(FailureCauses.scrubbed("could not insert: Key (email)=(a@b.c) already exists."))
                .isEqualTo("could not insert: Key (email)=(value) already exists.");
        assertThat(FailureCauses.scrubbed(null)).isNull();
    }

    private static PSQLException postgres(
            String sqlState, String message, String detail, String table, String constraint, String column) {
        StringBuilder fields = new StringBuilder("SERROR\0C" + sqlState + "\0M" + message + "\0");
        if (detail != null) {
            fields.append('D').append(detail).append('\0');
        }
        if (table != null) {
            fields.append('t').append(table).append('\0');
        }
        if (constraint != null) {
            fields.append('n').append(constraint).append('\0');
        }
        if (column != null) {
            fields.append('c').append(column).append('\0');
        }
        return new PSQLException(new ServerErrorMessage(fields.toString()));
    }
}
