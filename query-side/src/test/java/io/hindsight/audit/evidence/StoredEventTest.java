package io.hindsight.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    private static final HexFormat HEX = HexFormat.of();

    private static StoredEvent event(
            String aggregateId, String aggregateType, String revision, byte[] payload, byte[] metadata) {
        return new StoredEvent(
                7, aggregateId, 2, aggregateType, "e-1", "2026-01-02T03:04:05Z", "x.Ev", revision, payload, metadata);
    }

    private static StoredEvent sample() {
        return event("a-1", "Acct", "1", bytes("{}"), bytes("m"));
    }

    @Test
    void theCanonicalLeafIsTheDocumentedLayout() {
        String expected = "01" // layout version
                + "0000000000000007" // position
                + "00000003" + hex("a-1")
                + "0000000000000002" // sequence
                + "00000004" + hex("Acct")
                + "00000003" + hex("e-1")
                + "00000014" + hex("2026-01-02T03:04:05Z")
                + "00000004" + hex("x.Ev")
                + "00000001" + hex("1")
                + "00000020" + HEX.formatHex(Hashes.sha256(bytes("{}")))
                + "00000020" + HEX.formatHex(Hashes.sha256(bytes("m")));
        assertThat(HEX.formatHex(sample().canonicalLeaf())).isEqualTo(expected);
        assertThat(sample().leafHash()).isEqualTo(Hashes.sha256(HEX.parseHex("00" + expected)));
    }

    @Test
    void absentFieldsAreMarkedAndDifferFromEmptyOnes() {
        StoredEvent absent = event("a-1", null, null, bytes("{}"), null);
        assertThat(HEX.formatHex(absent.canonicalLeaf()))
                .contains("0000000000000002" + "ffffffff" + "00000003" + hex("e-1"))
                .endsWith("ffffffff");
        assertThat(absent.leafHash())
                .isNotEqualTo(event("a-1", "", "", bytes("{}"), new byte[0]).leafHash());
    }

    @Test
    void everyStoredFieldChangesTheLeaf() {
        byte[] original = sample().leafHash();
        List<StoredEvent> changed = List.of(
                new StoredEvent(
                        8, "a-1", 2, "Acct", "e-1", "2026-01-02T03:04:05Z", "x.Ev", "1", bytes("{}"), bytes("m")),
                event("a-2", "Acct", "1", bytes("{}"), bytes("m")),
                new StoredEvent(
                        7, "a-1", 3, "Acct", "e-1", "2026-01-02T03:04:05Z", "x.Ev", "1", bytes("{}"), bytes("m")),
                event("a-1", "Acct2", "1", bytes("{}"), bytes("m")),
                new StoredEvent(
                        7, "a-1", 2, "Acct", "e-2", "2026-01-02T03:04:05Z", "x.Ev", "1", bytes("{}"), bytes("m")),
                new StoredEvent(
                        7, "a-1", 2, "Acct", "e-1", "2026-01-02T03:04:06Z", "x.Ev", "1", bytes("{}"), bytes("m")),
                new StoredEvent(
                        7, "a-1", 2, "Acct", "e-1", "2026-01-02T03:04:05Z", "x.Ew", "1", bytes("{}"), bytes("m")),
                event("a-1", "Acct", "2", bytes("{}"), bytes("m")),
                event("a-1", "Acct", "1", bytes("{ }"), bytes("m")),
                event("a-1", "Acct", "1", bytes("{}"), bytes("n")));
        for (StoredEvent event : changed) {
            assertThat(event.leafHash()).as(event.toString()).isNotEqualTo(original);
        }
    }

    @Test
    void lengthPrefixesKeepFieldBoundariesApart() {
        assertThat(event("ab", "c", "1", bytes("{}"), null).leafHash())
                .isNotEqualTo(event("a", "bc", "1", bytes("{}"), null).leafHash());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(String text) {
        return HEX.formatHex(bytes(text));
    }
}
