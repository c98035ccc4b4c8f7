package io.hindsight.audit.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the event store exactly as stored, and its canonical leaf: the bytes the chain and the
 * checkpoints commit to. Layout (docs/audit.md), big-endian, every text UTF-8:
 *
 * <pre>
 * u8   1                          layout version
 * i64  position                   global index
 * blob aggregate identifier
 * i64  sequence number
 * blob aggregate type             (absent when NULL)
 * blob event identifier
 * blob timestamp                  as stored
 * blob payload type
 * blob payload revision           (absent when NULL)
 * blob SHA-256 of the payload     the stored bytea
 * blob SHA-256 of the metadata    the stored bytea (absent when NULL)
 *
 * blob = u32 length || bytes; absent = 0xFFFFFFFF
 * </pre>
 *
 * The leaf holds digests of the payload and metadata rather than the bytes, so leaves and trees never carry
 * personal data, and a payload whose personal fields are stored encrypted stays verifiable after its key is
 * destroyed: the stored bytes, not their meaning, are what is chained.
 */
public record StoredEvent(
        long position,
        String aggregateId,
        long sequence,
        String aggregateType,
        String eventId,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {

    public static final byte LAYOUT_VERSION = 1;

    static final String COLUMNS = "global_index, aggregate_identifier, sequence_number, type, event_identifier,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data";

    static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getLong("global_index"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                row.getString("type"),
                row.getString("event_identifier"),
                row.getString("time_stamp"),
                row.getString("payload_type"),
                row.getString("payload_revision"),
                row.getBytes("payload"),
                row.getBytes("meta_data"));
    }

    public byte[] payloadSha256() {
        return Hashes.sha256(payload);
    }

    public byte[] metadataSha256() {
        return metadata == null ? null : Hashes.sha256(metadata);
    }

    public byte[] canonicalLeaf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(LAYOUT_VERSION);
        writeLong(out, position);
        writeBlob(out, utf8(aggregateId));
        writeLong(out, sequence);
        writeBlob(out, utf8(aggregateType));
        writeBlob(out, utf8(eventId));
        writeBlob(out, utf8(timestamp));
        writeBlob(out, utf8(payloadType));
        writeBlob(out, utf8(payloadRevision));
        writeBlob(out, payloadSha256());
        writeBlob(out, metadataSha256());
        return out.toByteArray();
    }

    public byte[] leafHash() {
        return Hashes.leafHash(canonicalLeaf());
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void writeBlob(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES)
                .putInt(bytes == null ? -1 : bytes.length)
                .array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }
}
