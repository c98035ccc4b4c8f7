package io.hindsight.audit.evidence;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.LastSignedByEachNode.Entry;
import io.hindsight.common.BusinessException;
import io.hindsight.query.QueryRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last checkpoint this node signed, kept beside its key in the data directory - outside the database. Someone who
 * can write to the database can delete the checkpoints and chain entries from an event on, set the chain head back
 * and let the node chain and sign the rewritten events again under the same checkpoint ids; nothing in the database
 * tells that from the real history. The node now refuses to sign an id it has signed before, and the verifier reports
 * a stored checkpoint that is not the one this node signed. Restoring the database from an older backup does the same
 * to an honest history: operations.md says how to acknowledge it.
 */
@QueryRole
@Component
public class LastSignedCheckpoint {

    static final String FILE_NAME = "evidence-last-signed";
    private static final Logger log = LoggerFactory.getLogger(LastSignedCheckpoint.class);

    /** A checkpoint as a node signed it: its id, the last position it covers and its chain head. */
    public record Signed(long checkpointId, long lastPosition, byte[] chainHead) {}

    /** A signed checkpoint and who keeps the record of it, as the refusal and verify name it. */
    public record Kept(String signer, String where, Signed signed) {}

    private final Path file;
    private final String keyId;
    private final LastSignedByEachNode eachNode;
    private volatile Signed last;
    private volatile long refusalLogged;

    public LastSignedCheckpoint(
            @Value("${hindsight.data-dir:./data}") Path dataDirectory, SigningKey key, LastSignedByEachNode eachNode) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.keyId = key.keyId();
        this.eachNode = eachNode;
        this.last = read(file);
    }

    /** A record lost with Redis, or not shared while it was down, is shared again at the start. */
    @EventListener(ApplicationReadyEvent.class)
    void share() {
        Signed signed = last;
        if (signed != null) {
            eachNode.publish(keyId, signed);
        }
    }

    /** The checkpoints this node and every other query node signed last, each as its signer kept it. */
    public List<Kept> kept() {
        return kept(last, eachNode.read().orElse(List.of()));
    }

    /**
     * Before signing {@code checkpointId}: refuses an id at or below the last one this node, or any other query node,
     * signed.
     */
    void refuseSigningAgain(long checkpointId) {
        Signed own = last;
        Optional<List<Entry>> shared = eachNode.read();
        if (own != null
                && shared.isPresent()
                && shared.get().stream()
                        .noneMatch(entry ->
                                entry.keyId().equals(keyId) && entry.signed().checkpointId() >= own.checkpointId())) {
            eachNode.publish(keyId, own);
        }
        for (Kept signed : kept(own, shared.orElse(List.of()))) {
            if (checkpointId <= signed.signed().checkpointId()) {
                if (refusalLogged != checkpointId) {
                    refusalLogged = checkpointId;
                    log.error(
                            "Refusing to sign checkpoint {}: {} signed checkpoint {} already ({}), so the checkpoints"
                                    + " were rolled back in the database - tampering, or a restore from an older"
                                    + " backup (operations.md, Backups and restore)",
                            checkpointId,
                            signed.signer(),
                            signed.signed().checkpointId(),
                            signed.where());
                }
                throw new BusinessException(
                        EvidenceError.CHAIN_BROKEN,
                        "Refusing to sign checkpoint %d: %s signed checkpoint %d already, so the database's"
                                + " checkpoints were rolled back",
                        checkpointId,
                        signed.signer(),
                        signed.signed().checkpointId());
            }
        }
    }

    private List<Kept> kept(Signed own, List<Entry> shared) {
        List<Kept> kept = new ArrayList<>();
        if (own != null) {
            kept.add(new Kept("this node", "its record beside its key, " + FILE_NAME, own));
        }
        for (Entry entry : shared) {
            boolean ownKey = entry.keyId().equals(keyId);
            if (!ownKey || own == null || entry.signed().checkpointId() != own.checkpointId()) {
                kept.add(new Kept(
                        ownKey ? "this node" : "the node with key " + entry.keyId(),
                        "its record in Redis, " + LastSignedByEachNode.KEY,
                        entry.signed()));
            }
        }
        return kept;
    }

    /** After the checkpoint committed; a record the node cannot write is logged and skipped, never a failed signing. */
    void signed(Checkpoint checkpoint) {
        Signed signed = last;
        if (signed != null && checkpoint.checkpointId() <= signed.checkpointId()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path fresh = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(
                    fresh,
                    checkpoint.checkpointId() + " " + checkpoint.lastPosition() + " "
                            + HexFormat.of().formatHex(checkpoint.chainHead()) + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            last = new Signed(checkpoint.checkpointId(), checkpoint.lastPosition(), checkpoint.chainHead());
            eachNode.publish(keyId, last);
        } catch (IOException unwritable) {
            log.warn("Could not keep the last signed checkpoint in {}: {}", file, unwritable.toString());
        }
    }

    private static Signed read(Path file) {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            String[] fields =
                    Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return new Signed(
                    Long.parseLong(fields[0]),
                    Long.parseLong(fields[1]),
                    HexFormat.of().parseHex(fields[2]));
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalStateException(
                    "Cannot read " + file + " (the last evidence checkpoint this node signed): " + unreadable
                            + "; move it aside only if you know why it is unreadable",
                    unreadable);
        }
    }
}
