package io.hindsight.audit.evidence;

import static io.hindsight.common.ClusterSeal.text;

import io.hindsight.common.ClusterSeal;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A signing key is published only with the cluster's endorsement: a {@link ClusterSeal} over its id, algorithm and
 * public key. A key row someone adds to {@code evidence_keys} by hand - to sign checkpoints or erasure receipts of
 * their own making - carries none, so it is neither published nor taken by the verifier.
 */
@Component
public class KeyEndorsements {

    private final ClusterSeal seal;

    public KeyEndorsements(
            @Value("${hindsight.jwt.secret}") String clusterSecret,
            @Value("${hindsight.jwt.previous-secrets:}") List<String> previousSecrets) {
        this.seal = new ClusterSeal(clusterSecret, previousSecrets, "hindsight evidence key endorsement v1");
    }

    public String of(String keyId, String algorithm, byte[] publicKeyDer) {
        return seal.of(text(keyId), text(algorithm), publicKeyDer);
    }

    public boolean endorses(String endorsement, String keyId, String algorithm, byte[] publicKeyDer) {
        return seal.matches(endorsement, text(keyId), text(algorithm), publicKeyDer);
    }

    /** Whether an endorsement was made under the cluster's current JWT secret rather than a previous one. */
    public boolean isCurrent(String endorsement, String keyId, String algorithm, byte[] publicKeyDer) {
        return seal.isCurrent(endorsement, text(keyId), text(algorithm), publicKeyDer);
    }
}
