package io.hindsight.projection.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads Axon's token table: where each segment of a processor stands, and which node holds it. */
@Component
public class TrackingTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public TrackingTokens(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The processor's segments in order, with their stored tokens and owners. */
    public List<StoredSegment> segments(String processor) {
        return jdbc.sql("""
                        SELECT segment, token, token_type, owner FROM token_entry
                        WHERE processor_name = :name ORDER BY segment""")
                .param("name", processor)
                .query((rs, n) -> new StoredSegment(
                        rs.getInt("segment"),
                        token(rs.getBytes("token"), rs.getString("token_type")),
                        rs.getString("owner")))
                .list();
    }

    /** Each segment's stored token, keyed by the segment as the processor's sequencing policy splits events. */
    public Map<Segment, TrackingToken> tokensBySegment(String processor) {
        List<StoredSegment> segments = segments(processor);
        int[] ids = segments.stream().mapToInt(StoredSegment::segment).toArray();
        Map<Segment, TrackingToken> tokens = new HashMap<>();
        segments.forEach(s -> tokens.put(Segment.computeSegment(s.segment(), ids), s.token()));
        return tokens;
    }

    /** How many of the processor's segments some node holds right now. */
    public int claimedSegments(String processor) {
        return jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = :name AND owner IS NOT NULL")
                .param("name", processor)
                .query(Integer.class)
                .single();
    }

    private TrackingToken token(byte[] token, String type) {
        return token == null
                ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    /** One segment as stored: its token (null before it handled anything) and owner (null when unclaimed). */
    public record StoredSegment(int segment, TrackingToken token, String owner) {

        public long position() {
            return token == null ? 0 : token.position().orElse(0);
        }
    }
}
