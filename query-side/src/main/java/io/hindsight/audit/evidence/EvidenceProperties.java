package io.hindsight.audit.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the tamper evidence. {@code enabled} switches the background chainer and checkpointer only:
 * the endpoints chain and checkpoint on demand either way.
 *
 * @param chainInterval pause between two catch-ups of the chainer
 * @param chainBatchSize events hashed and written per transaction
 * @param checkpointInterval a checkpoint is signed when the last one is this old and events were chained since
 * @param maxCheckpointSize leaves per checkpoint at most, which bounds the cost of a proof
 * @param maxVerifyRange positions one verify call checks at most
 * @param signingKey the node's Ed25519 private key (PKCS#8, PEM or base64 DER); generated into the data
 *     directory when unset
 */
@ConfigurationProperties(prefix = "hindsight.evidence")
public record EvidenceProperties(
        Boolean enabled,
        Duration chainInterval,
        Integer chainBatchSize,
        Duration checkpointInterval,
        Integer maxCheckpointSize,
        Integer maxVerifyRange,
        String signingKey) {

    private static final int DEFAULT_MAX_CHECKPOINT_SIZE = 16_384;

    public EvidenceProperties {
        enabled = enabled == null || enabled;
        chainInterval = chainInterval == null ? Duration.ofSeconds(1) : chainInterval;
        chainBatchSize = chainBatchSize == null ? 500 : chainBatchSize;
        checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(60) : checkpointInterval;
        maxCheckpointSize = maxCheckpointSize == null ? DEFAULT_MAX_CHECKPOINT_SIZE : maxCheckpointSize;
        maxVerifyRange = maxVerifyRange == null ? 10_000 : maxVerifyRange;
    }

    /**
     * The most leaves a stored checkpoint may claim before it is read as forged rather than loaded: the setting,
     * but never below its default, so lowering the setting leaves older checkpoints verifiable.
     */
    public int largestCheckpoint() {
        return Math.max(maxCheckpointSize, DEFAULT_MAX_CHECKPOINT_SIZE);
    }
}
