package io.hindsight.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendSnapshotStatementBuilder;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregate snapshots carry a seal: a keyed MAC over the aggregate, position, type and stored payload bytes, under a
 * key derived from the cluster's JWT secret, which lives outside the database. A command decides on its aggregate's
 * latest snapshot, and snapshots are not chained as events are, so a snapshot edited in the database (a coupon made
 * unused again, a campaign's backers) was believed; one whose seal does not match - or that has none, as those
 * taken before seals - is now passed over, and the aggregate loaded from its events, which the evidence chain
 * covers. Loading it schedules a sealed snapshot again once enough events were read.
 */
final class SealedSnapshots {

    static final String SEAL = "snapshotSeal";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "hindsight aggregate snapshot seal v1".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(SealedSnapshots.class);

    private final SecretKeySpec key;

    SealedSnapshots(String clusterSecret) {
        this.key = new SecretKeySpec(
                mac(new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM), PURPOSE), ALGORITHM);
    }

    /** Writes a snapshot as Axon's own statement does, with its seal added to its metadata. */
    AppendSnapshotStatementBuilder appendSealed() {
        return (connection, schema, dataType, snapshot, serializer, timestampWriter) -> {
            SerializedObject<?> payload = snapshot.serializePayload(serializer, dataType);
            DomainEventMessage<?> sealed = snapshot.andMetaData(Map.of(
                    SEAL,
                    seal(
                            snapshot.getAggregateIdentifier(),
                            snapshot.getSequenceNumber(),
                            snapshot.getType(),
                            payload)));
            SerializedObject<?> metaData = sealed.serializeMetaData(serializer, dataType);
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.snapshotTable() + " ("
                    + String.join(
                            ", ",
                            schema.eventIdentifierColumn(),
                            schema.aggregateIdentifierColumn(),
                            schema.sequenceNumberColumn(),
                            schema.typeColumn(),
                            schema.timestampColumn(),
                            schema.payloadTypeColumn(),
                            schema.payloadRevisionColumn(),
                            schema.payloadColumn(),
                            schema.metaDataColumn())
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            statement.setString(1, snapshot.getIdentifier());
            statement.setString(2, snapshot.getAggregateIdentifier());
            statement.setLong(3, snapshot.getSequenceNumber());
            statement.setString(4, snapshot.getType());
            timestampWriter.writeTimestamp(statement, 5, snapshot.getTimestamp());
            statement.setString(6, payload.getType().getName());
            statement.setString(7, payload.getType().getRevision());
            statement.setObject(8, payload.getData());
            statement.setObject(9, metaData.getData());
            return statement;
        };
    }

    /** Lets through only a snapshot whose seal is the one this cluster's key gives its stored bytes. */
    SnapshotFilter sealedByThisCluster() {
        return snapshot -> {
            String expected = seal(
                    snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(),
                    snapshot.getType(),
                    snapshot.getPayload());
            String found = sealOf(snapshot);
            if (found != null
                    && MessageDigest.isEqual(
                            found.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
            if (found == null) {
                log.info(
                        "Passing over the unsealed snapshot of {} at sequence {} (taken before snapshots were sealed,"
                                + " or its seal removed): loading the aggregate from its events",
                        snapshot.getAggregateIdentifier(),
                        snapshot.getSequenceNumber());
            } else {
                log.warn(
                        "Passing over the snapshot of {} at sequence {}: its seal does not match its stored bytes"
                                + " (edited in the database, or sealed under another JWT secret): loading the aggregate"
                                + " from its events",
                        snapshot.getAggregateIdentifier(),
                        snapshot.getSequenceNumber());
            }
            return false;
        };
    }

    private static String sealOf(DomainEventData<?> snapshot) {
        try {
            return JSON.readTree(bytes(snapshot.getMetaData().getData()))
                    .path(SEAL)
                    .textValue();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private String seal(String aggregateId, long sequence, String type, SerializedObject<?> payload) {
        return seal(
                aggregateId,
                sequence,
                type,
                payload.getType().getName(),
                payload.getType().getRevision(),
                bytes(payload.getData()));
    }

    /** The seal of a snapshot with these stored columns. */
    String seal(String aggregateId, long sequence, String type, String payloadType, String revision, byte[] payload) {
        byte[][] fields = {
            text(aggregateId),
            ByteBuffer.allocate(Long.BYTES).putLong(sequence).array(),
            text(type),
            text(payloadType),
            text(revision),
            payload
        };
        int length = 0;
        for (byte[] field : fields) {
            length += Integer.BYTES + (field == null ? 0 : field.length);
        }
        // each field framed by its length (-1: none), so no two different snapshots frame to the same bytes
        ByteBuffer framed = ByteBuffer.allocate(length);
        for (byte[] field : fields) {
            if (field == null) {
                framed.putInt(-1);
            } else {
                framed.putInt(field.length).put(field);
            }
        }
        return Base64.getEncoder().encodeToString(mac(key, framed.array()));
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object data) {
        if (data instanceof byte[] raw) {
            return raw;
        }
        return String.valueOf(data).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", impossible);
        }
    }
}
