package io.hindsight.audit.evidence.web;

import io.hindsight.audit.evidence.ChainVerifier.Finding;
import io.hindsight.audit.evidence.ChainVerifier.Verification;
import io.hindsight.audit.evidence.Checkpoint;
import io.hindsight.audit.evidence.EvidenceStore.PublicKeyEntry;
import io.hindsight.audit.evidence.Hashes;
import io.hindsight.audit.evidence.InclusionProofs.InclusionProof;
import io.hindsight.audit.evidence.SigningKey;
import io.hindsight.audit.evidence.StoredEvent;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The JSON of the evidence endpoints (docs/audit.md): hashes in lowercase hex, byte strings of any other
 * kind (leaf, statement, signature, keys, stored payloads) in standard base64.
 */
final class EvidenceResponses {

    private EvidenceResponses() {}

    record CheckpointResponse(
            long checkpointId,
            long firstIndex,
            int treeSize,
            long firstPosition,
            long lastPosition,
            String previousChainHead,
            String chainHead,
            String merkleRoot,
            Instant createdAt,
            String keyId,
            String algorithm,
            String statement,
            String signature) {

        static CheckpointResponse of(Checkpoint checkpoint) {
            return new CheckpointResponse(
                    checkpoint.checkpointId(),
                    checkpoint.firstIndex(),
                    checkpoint.treeSize(),
                    checkpoint.firstPosition(),
                    checkpoint.lastPosition(),
                    Hashes.hex(checkpoint.previousChainHead()),
                    Hashes.hex(checkpoint.chainHead()),
                    Hashes.hex(checkpoint.merkleRoot()),
                    checkpoint.createdAt(),
                    checkpoint.keyId(),
                    SigningKey.ALGORITHM,
                    base64(checkpoint.statement()),
                    base64(checkpoint.signature()));
        }
    }

    record StoredEventResponse(
            long position,
            String aggregateId,
            String aggregateType,
            long sequence,
            String eventId,
            String timestamp,
            String payloadType,
            String payloadRevision,
            String payloadSha256,
            String metadataSha256,
            String storedPayload,
            String storedMetadata) {

        static StoredEventResponse of(StoredEvent event) {
            return new StoredEventResponse(
                    event.position(),
                    event.aggregateId(),
                    event.aggregateType(),
                    event.sequence(),
                    event.eventId(),
                    event.timestamp(),
                    event.payloadType(),
                    event.payloadRevision(),
                    Hashes.hex(event.payloadSha256()),
                    Hashes.hex(event.metadataSha256()),
                    base64(event.payload()),
                    base64(event.metadata()));
        }
    }

    record ProofResponse(
            long position,
            int leafIndex,
            int treeSize,
            String leaf,
            String leafHash,
            List<String> auditPath,
            String merkleRoot,
            boolean storedEventMatches,
            StoredEventResponse event,
            CheckpointResponse checkpoint) {

        static ProofResponse of(InclusionProof proof) {
            return new ProofResponse(
                    proof.entry().position(),
                    proof.leafIndex(),
                    proof.checkpoint().treeSize(),
                    proof.storedEvent()
                            .map(event -> base64(event.canonicalLeaf()))
                            .orElse(null),
                    Hashes.hex(proof.entry().leafHash()),
                    proof.auditPath().stream().map(Hashes::hex).toList(),
                    Hashes.hex(proof.checkpoint().merkleRoot()),
                    proof.storedEventMatches(),
                    proof.storedEvent().map(StoredEventResponse::of).orElse(null),
                    CheckpointResponse.of(proof.checkpoint()));
        }
    }

    record VerificationResponse(
            boolean verified,
            long from,
            long to,
            long chainedThrough,
            long checked,
            int checkpointsChecked,
            Long firstBrokenPosition,
            String problem,
            List<Finding> problems,
            boolean truncated,
            long next) {

        static VerificationResponse of(Verification verification) {
            Finding first = verification.findings().isEmpty()
                    ? null
                    : verification.findings().get(0);
            return new VerificationResponse(
                    verification.verified(),
                    verification.from(),
                    verification.to(),
                    verification.chainedThrough(),
                    verification.checked(),
                    verification.checkpointsChecked(),
                    first == null ? null : first.position(),
                    first == null ? null : first.problem().name(),
                    verification.findings(),
                    verification.truncated(),
                    Math.max(verification.from(), verification.to() + 1));
        }
    }

    record PublicKeyResponse(
            String keyId,
            String algorithm,
            String publicKey,
            String publicKeyRaw,
            String publicKeyPem,
            Instant firstUsed) {

        static PublicKeyResponse of(PublicKeyEntry key) {
            String der = base64(key.publicKeyDer());
            return new PublicKeyResponse(
                    key.keyId(),
                    key.algorithm(),
                    der,
                    base64(SigningKey.rawPublicKey(key.publicKeyDer())),
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.publicKeyDer())
                            + "\n-----END PUBLIC KEY-----",
                    key.firstUsed());
        }
    }

    record PublicKeysResponse(List<PublicKeyResponse> keys) {}

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
