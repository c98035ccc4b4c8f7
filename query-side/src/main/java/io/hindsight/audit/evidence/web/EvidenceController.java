package io.hindsight.audit.evidence.web;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.ChainVerifier;
import io.hindsight.audit.evidence.EvidenceChainer;
import io.hindsight.audit.evidence.EvidenceChainer.CheckpointOutcome;
import io.hindsight.audit.evidence.EvidenceStore;
import io.hindsight.audit.evidence.InclusionProofs;
import io.hindsight.audit.evidence.web.EvidenceResponses.CheckpointResponse;
import io.hindsight.audit.evidence.web.EvidenceResponses.ProofResponse;
import io.hindsight.audit.evidence.web.EvidenceResponses.VerificationResponse;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence: signed checkpoints of the event chain, inclusion proofs and verification of ranges. */
@QueryRole
@RestController
@RequestMapping("/api/audit")
public class EvidenceController {

    private final EvidenceStore store;
    private final EvidenceChainer chainer;
    private final InclusionProofs proofs;
    private final ChainVerifier verifier;

    public EvidenceController(
            EvidenceStore store, EvidenceChainer chainer, InclusionProofs proofs, ChainVerifier verifier) {
        this.store = store;
        this.chainer = chainer;
        this.proofs = proofs;
        this.verifier = verifier;
    }

    /** Newest first. */
    @GetMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    public Page<CheckpointResponse> checkpoints(
            @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(offset, limit);
        return Page.of(
                store.checkpoints(paging.offset(), paging.limit()).stream()
                        .map(CheckpointResponse::of)
                        .toList(),
                store.checkpointCount(),
                paging);
    }

    @GetMapping("/checkpoints/{checkpointId}")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    public CheckpointResponse checkpoint(@PathVariable long checkpointId) {
        return store.checkpoint(checkpointId)
                .map(CheckpointResponse::of)
                .orElseThrow(() ->
                        new BusinessException(EvidenceError.CHECKPOINT_NOT_FOUND, "No checkpoint %d", checkpointId));
    }

    /** Chains everything committed so far and signs it: 201 with the new checkpoint, 200 with the last one if nothing is new. */
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "Nothing new to sign: the last checkpoint",
            useReturnTypeSchema = true)
    @PostMapping("/checkpoints")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<CheckpointResponse> checkpointNow() {
        CheckpointOutcome outcome = chainer.checkpointNow();
        CheckpointResponse body = CheckpointResponse.of(outcome.checkpoint());
        if (!outcome.created()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/audit/checkpoints/" + body.checkpointId()))
                .body(body);
    }

    @GetMapping("/events/{position}/proof")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    public ProofResponse proof(@PathVariable long position) {
        if (position < 1) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "Positions start at 1");
        }
        return ProofResponse.of(proofs.of(position));
    }

    @GetMapping("/verify")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    public VerificationResponse verify(
            @RequestParam(required = false) @Positive Long from, @RequestParam(required = false) @Positive Long to) {
        return VerificationResponse.of(verifier.verify(from, to));
    }
}
