package io.hindsight.audit.evidence;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.common.BusinessException;
import io.hindsight.query.QueryRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    /** A checkpoint as this node signed it: its id, the last position it covers and its chain head. */
    public record Signed(long checkpointId, long lastPosition, byte[] chainHead) {}

    private final Path file;
    private volatile Signed last;
    private volatile long refusalLogged;

    public LastSignedCheckpoint(@Value("${hindsight.data-dir:./data}") Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.last = read(file);
    }

    public Optional<Signed> last() {
        return Optional.ofNullable(last);
    }

    /** Before signing {@code checkpointId}: refuses an id at or below the last one this node signed. */
    void refuseSigningAgain(long checkpointId) {
        Signed signed = last;
        if (signed != null && checkpointId <= signed.checkpointId()) {
            if (refusalLogged != checkpointId) {
                refusalLogged = checkpointId;
                log.error(
                        "Refusing to sign checkpoint {}: this node signed checkpoint {} already ({} in its data"
                                + " directory), so the checkpoints were rolled back in the database - tampering, or a"
                                + " restore from an older backup (operations.md, Backups and restore)",
                        checkpointId,
                        signed.checkpointId(),
                        FILE_NAME);
            }
            throw new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Refusing to sign checkpoint %d: this node signed checkpoint %d already, so the database's"
                            + " checkpoints were rolled back",
                    checkpointId,
                    signed.checkpointId());
        }
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
