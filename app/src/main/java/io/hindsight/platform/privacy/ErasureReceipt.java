package io.hindsight.platform.privacy;

import io.hindsight.audit.evidence.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What an erasure destroyed, signed by the node's evidence key: the account, the id of its destroyed data
 * key, the event types that held its encrypted fields (how many events, which fields), when and by whom.
 * {@code keptInClear} names the events a release before encryption stored the account's fields in the clear:
 * destroying the key cannot erase their stored bytes (every reading of them answers null from then on), and the
 * receipt must not let anyone believe it did.
 * {@code statement} is the exact text signed; {@code cleanup} tells how far the read models are cleaned.
 */
public record ErasureReceipt(
        String erasureId,
        String subject,
        String dataKeyId,
        Instant dataKeyCreatedAt,
        Instant erasedAt,
        String erasedBy,
        List<ErasedEvents> erased,
        List<ErasedEvents> keptInClear,
        String signingKeyId,
        byte[] statement,
        byte[] signature,
        Cleanup cleanup) {

    public static final String STATEMENT_HEADER = "hindsight-erasure-receipt/v1";

    /** The events of one type that held the subject's encrypted fields (or, kept in clear, its plain ones). */
    public record ErasedEvents(String eventType, long events, List<String> fields) {}

    /** The rebuild of the read models that held copies: RUNNING, COMPLETED or FAILED, and of which. */
    public record Cleanup(String state, String detail) {}

    public ErasureReceipt {
        erased = List.copyOf(erased);
        keptInClear = List.copyOf(keptInClear);
    }

    /** The text these fields make; the receipt's signature is over exactly these bytes. */
    public byte[] expectedStatement() {
        StringBuilder text = new StringBuilder(STATEMENT_HEADER + "\n")
                .append("erasure: ")
                .append(erasureId)
                .append('\n')
                .append("key-id: ")
                .append(signingKeyId)
                .append('\n')
                .append("algorithm: ")
                .append(SigningKey.ALGORITHM)
                .append('\n')
                .append("subject: ")
                .append(subject)
                .append('\n')
                .append("data-key-id: ")
                .append(dataKeyId)
                .append('\n')
                .append("data-key-created-at: ")
                .append(dataKeyCreatedAt)
                .append('\n')
                .append("erased-at: ")
                .append(erasedAt)
                .append('\n')
                .append("erased-by: ")
                .append(erasedBy)
                .append('\n');
        line(text, "erased: ", erased);
        line(text, "kept-in-clear: ", keptInClear);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String name, List<ErasedEvents> eventsOfTypes) {
        for (ErasedEvents events : eventsOfTypes) {
            text.append(name)
                    .append(events.eventType())
                    .append(' ')
                    .append(events.events())
                    .append(' ')
                    .append(String.join(",", events.fields()))
                    .append('\n');
        }
    }
}
