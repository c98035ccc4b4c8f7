package io.hindsight.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.hindsight.audit.evidence.EvidenceStore.ChainEntry;
import io.hindsight.audit.evidence.EvidenceStore.ChainHead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {

    @TempDir
    Path dataDirectory;

    /**
     * The chainer signs a checkpoint over the chain's tail while a verify of that tail runs: the verify fetched the
     * range's checkpoints before it, and read the latest checkpoint after, so the tail looked signed yet covered by no
     * checkpoint - a whole-chain verify answered false on an intact chain (ErasureIT on CI).
     */
    @Test
    void aCheckpointSignedWhileTheTailIsVerifiedIsNoGap() {
        EvidenceProperties properties = new EvidenceProperties(null, null, null, null, null, null, null);
        SigningKey key = new SigningKey(properties, dataDirectory);
        List<StoredEvent> events = new ArrayList<>();
        List<ChainEntry> entries = new ArrayList<>();
        byte[] chainHash = Hashes.GENESIS;
        for (long position = 1; position <= 3; position++) {
            StoredEvent event = new StoredEvent(
                    position,
                    "aggregate",
                    position - 1,
                    "Account",
                    "event-" + position,
                    "2026-12-07T07:00:00Z",
                    "Payload",
                    null,
                    ("{\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8),
                    null);
            chainHash = Hashes.link(chainHash, event.leafHash());
            events.add(event);
            entries.add(new ChainEntry(position, position, event.leafHash(), chainHash));
        }
        Checkpoint first = signed(key, 1, entries.subList(0, 2), Hashes.GENESIS);
        Checkpoint signedMeanwhile =
                signed(key, 2, entries.subList(2, 3), entries.get(1).chainHash());

        EvidenceStore store = mock(EvidenceStore.class);
        AtomicBoolean rangeCheckpointsRead = new AtomicBoolean();
        when(store.head()).thenReturn(new ChainHead(3, 3, chainHash));
        when(store.storedPositionsBelowOne(anyInt())).thenReturn(List.of());
        when(store.lastChainEntryBefore(anyLong())).thenReturn(Optional.empty());
        when(store.storedEventsBetween(1, 3)).thenReturn(events);
        when(store.chainEntriesBetween(1, 3)).thenReturn(entries);
        when(store.firstChainEntryAfter(3)).thenReturn(Optional.empty());
        when(store.chainEntriesByIndex(anyLong(), anyLong()))
                .thenAnswer(call ->
                        entries.subList((int) (long) call.getArgument(0) - 1, (int) (long) call.getArgument(1)));
        when(store.checkpointsOverlapping(1, 3)).thenAnswer(call -> {
            rangeCheckpointsRead.set(true);
            return List.of(first);
        });
        when(store.checkpointsOverPositions(1, 3)).thenAnswer(call -> {
            rangeCheckpointsRead.set(true);
            return List.of(first);
        });
        when(store.latestCheckpoint())
                .thenAnswer(call -> Optional.of(rangeCheckpointsRead.get() ? signedMeanwhile : first));
        when(store.publicKey(key.keyId())).thenReturn(Optional.of(key.publicKeyDer()));
        LastSignedCheckpoint lastSigned = mock(LastSignedCheckpoint.class);
        when(lastSigned.kept()).thenReturn(List.of());

        ChainVerifier.Verification verification = new ChainVerifier(store, properties, lastSigned).verify(null, null);

        assertThat(verification.findings()).isEmpty();
        assertThat(verification.checked()).isEqualTo(3);
        assertThat(verification.checkpointsChecked()).isEqualTo(1);
    }

    private static Checkpoint signed(SigningKey key, long id, List<ChainEntry> covered, byte[] previousHead) {
        Checkpoint unsigned = new Checkpoint(
                id,
                covered.get(0).chainIndex(),
                covered.size(),
                covered.get(0).position(),
                covered.get(covered.size() - 1).position(),
                previousHead,
                covered.get(covered.size() - 1).chainHash(),
                MerkleTree.root(covered.stream().map(ChainEntry::leafHash).toList()),
                Instant.parse("2026-12-07T07:00:01Z"),
                key.keyId(),
                null,
                null);
        byte[] statement = unsigned.expectedStatement();
        return unsigned.signed(statement, key.sign(statement));
    }
}
