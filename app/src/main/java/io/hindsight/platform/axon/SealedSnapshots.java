package io.hindsight.platform.axon;

import static io.hindsight.common.ClusterSeal.number;
import static io.hindsight.common.ClusterSeal.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.ClusterSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(SealedSnapshots.class);

    private final ClusterSeal seal;

    SealedSnapshots(String clusterSecret, List<String> previousSecrets) {
        this.seal = new ClusterSeal(clusterSecret, previousSecrets, "hindsight aggregate snapshot seal v1");
    }

    /** Writes a snapshot as Axon's own statement does, with its seal added to its metadata. */
    AppendSnapshotStatementBuilder appendSealed() {
        return (connection, schema, dataType, snapshot, serializer, timestampWriter) -> {
            SerializedObject<?> payload = snapshot.serializePayload(serializer, dataType);
            DomainEventMessage<?> sealed = snapshot.andMetaData(Map.of(
                    SEAL,
                    seal.of(fields(
                            snapshot.getAggregateIdentifier(),
                            snapshot.getSequenceNumber(),
                            snapshot.getType(),
                            payload))));
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
            String found = sealOf(snapshot);
            if (seal.matches(
                    found,
                    fields(
                            snapshot.getAggregateIdentifier(),
                            snapshot.getSequenceNumber(),
                            snapshot.getType(),
                            snapshot.getPayload()))) {
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

    /** The seal of a snapshot with these stored columns. */
    String seal(String aggregateId, long sequence, String type, String payloadType, String revision, byte[] payload) {
        return seal.of(text(aggregateId), number(sequence), text(type), text(payloadType), text(revision), payload);
    }

    private static byte[][] fields(String aggregateId, long sequence, String type, SerializedObject<?> payload) {
        return new byte[][] {
            text(aggregateId),
            number(sequence),
            text(type),
            text(payload.getType().getName()),
            text(payload.getType().getRevision()),
            bytes(payload.getData())
        };
    }

    private static byte[] bytes(Object data) {
        if (data instanceof byte[] raw) {
            return raw;
        }
        return String.valueOf(data).getBytes(StandardCharsets.UTF_8);
    }
}
