package io.hindsight.audit.evidence.web;

import io.hindsight.audit.evidence.EvidenceStore;
import io.hindsight.audit.evidence.web.EvidenceResponses.PublicKeyResponse;
import io.hindsight.audit.evidence.web.EvidenceResponses.PublicKeysResponse;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.query.QueryRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that signed checkpoints, for anyone who holds a checkpoint and wants to check it. */
@QueryRole
@RestController
public class PublicKeysController {

    private final EvidenceStore store;

    public PublicKeysController(EvidenceStore store) {
        this.store = store;
    }

    @GetMapping("/.well-known/hindsight/keys")
    @PublicEndpoint
    public PublicKeysResponse keys() {
        return new PublicKeysResponse(
                store.publicKeys().stream().map(PublicKeyResponse::of).toList());
    }
}
