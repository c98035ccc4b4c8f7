package io.hindsight.audit.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the tamper evidence: the event chain, its signed checkpoints and proofs. */
public enum EvidenceError implements ErrorCode {
    EVIDENCE_NOT_FOUND(ErrorKind.NOT_FOUND),
    CHECKPOINT_NOT_FOUND(ErrorKind.NOT_FOUND),
    NOT_YET_CHECKPOINTED(ErrorKind.CONFLICT),
    NOTHING_TO_CHECKPOINT(ErrorKind.CONFLICT),
    CHAIN_BROKEN(ErrorKind.CONFLICT),
    RANGE_TOO_LARGE(ErrorKind.INVALID_INPUT);

    private final ErrorKind kind;

    EvidenceError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
