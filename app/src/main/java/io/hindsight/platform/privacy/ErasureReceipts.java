package io.hindsight.platform.privacy;

import io.hindsight.platform.privacy.ErasureReceipt.Cleanup;
import io.hindsight.platform.privacy.ErasureReceipt.ErasedEvents;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The erasure receipts in {@code erasure_receipt}; a receipt's fields are read back from its signed statement. */
class ErasureReceipts {

    private static final String COLUMNS = "statement, signature, cleanup_state, cleanup";

    private final JdbcClient jdbc;

    ErasureReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the receipt unless the subject already has one; answers the subject's receipt either way. */
    ErasureReceipt keep(ErasureReceipt receipt) {
        jdbc.sql("""
                        INSERT INTO erasure_receipt (erasure_id, subject, erased_by, erased_at, signing_key_id, statement,
                                                     signature, cleanup_state, cleanup)
                        VALUES (:id, :subject, :erasedBy, :erasedAt, :keyId, :statement, :signature, :state, :detail)
                        ON CONFLICT (subject) DO NOTHING""")
                .param("id", receipt.erasureId())
                .param("subject", receipt.subject())
                .param("erasedBy", receipt.erasedBy())
                .param("erasedAt", Timestamp.from(receipt.erasedAt()))
                .param("keyId", receipt.signingKeyId())
                .param("statement", receipt.statement())
                .param("signature", receipt.signature())
                .param("state", receipt.cleanup().state())
                .param("detail", receipt.cleanup().detail())
                .update();
        return ofSubject(receipt.subject()).orElseThrow();
    }

    Optional<ErasureReceipt> find(String erasureId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM erasure_receipt WHERE erasure_id = :id")
                .param("id", erasureId)
                .query(ErasureReceipts::receipt)
                .optional();
    }

    Optional<ErasureReceipt> ofSubject(String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM erasure_receipt WHERE subject = :subject")
                .param("subject", subject)
                .query(ErasureReceipts::receipt)
                .optional();
    }

    List<ErasureReceipt> withCleanupRunning() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM erasure_receipt WHERE cleanup_state = 'RUNNING'")
                .query(ErasureReceipts::receipt)
                .list();
    }

    void cleanup(String erasureId, Cleanup cleanup) {
        jdbc.sql("UPDATE erasure_receipt SET cleanup_state = :state, cleanup = :detail WHERE erasure_id = :id")
                .param("id", erasureId)
                .param("state", cleanup.state())
                .param("detail", cleanup.detail())
                .update();
    }

    private static ErasureReceipt receipt(ResultSet row, int n) throws SQLException {
        byte[] statement = row.getBytes("statement");
        Map<String, String> fields = new HashMap<>();
        List<ErasedEvents> erased = new ArrayList<>();
        List<ErasedEvents> keptInClear = new ArrayList<>();
        for (String line : new String(statement, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 2);
            if (name.equals("erased")) {
                erased.add(eventsOfType(value));
            } else if (name.equals("kept-in-clear")) {
                keptInClear.add(eventsOfType(value));
            } else {
                fields.put(name, value);
            }
        }
        return new ErasureReceipt(
                fields.get("erasure"),
                fields.get("subject"),
                fields.get("data-key-id"),
                Instant.parse(fields.get("data-key-created-at")),
                Instant.parse(fields.get("erased-at")),
                fields.get("erased-by"),
                erased,
                keptInClear,
                fields.get("key-id"),
                statement,
                row.getBytes("signature"),
                new Cleanup(row.getString("cleanup_state"), row.getString("cleanup")));
    }

    private static ErasedEvents eventsOfType(String value) {
        String[] parts = value.split(" ", 3);
        return new ErasedEvents(
                parts[0],
                Long.parseLong(parts[1]),
                parts.length < 3 || parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(",")));
    }
}
