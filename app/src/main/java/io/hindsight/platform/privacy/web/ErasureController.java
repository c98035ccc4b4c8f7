package io.hindsight.platform.privacy.web;

import io.hindsight.account.api.AccountId;
import io.hindsight.audit.evidence.SigningKey;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.platform.privacy.ErasureReceipt;
import io.hindsight.platform.privacy.ErasureReceipt.ErasedEvents;
import io.hindsight.platform.privacy.Erasures;
import io.hindsight.platform.security.JwtAuthenticationFilter;
import io.hindsight.query.QueryRole;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of an account's personal data (crypto-shredding, docs/audit.md "Erasure"). It runs where the
 * projections run, since it rebuilds those that held the data.
 */
@QueryRole
@RestController
public class ErasureController {

    private final Erasures erasures;

    public ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    @PostMapping("/api/admin/users/{accountId}/erasure")
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<ErasureReceiptResponse> eraseAsAdmin(
            @AuthenticationPrincipal AuthenticatedAccount admin, @PathVariable String accountId) {
        return created(erasures.eraseAsAdmin(
                AccountId.ofSent(accountId).value(), admin.accountId().value()));
    }

    @DeleteMapping("/api/me/personal-data")
    @PreAuthorize("isAuthenticated()")
    public ResponseEntity<ErasureReceiptResponse> eraseOwn(
            @AuthenticationPrincipal AuthenticatedAccount me, HttpServletRequest request) {
        boolean tokenRevoked = request.getAttribute(JwtAuthenticationFilter.REVOKED_ATTRIBUTE) != null;
        return created(erasures.eraseOwn(me.accountId().value(), tokenRevoked));
    }

    @GetMapping("/api/admin/erasures/{erasureId}")
    @PreAuthorize("hasRole('ADMIN')")
    public ErasureReceiptResponse receipt(@PathVariable String erasureId) {
        return ErasureReceiptResponse.of(erasures.receipt(erasureId));
    }

    private static ResponseEntity<ErasureReceiptResponse> created(ErasureReceipt receipt) {
        return ResponseEntity.ok()
                .location(URI.create("/api/admin/erasures/" + receipt.erasureId()))
                .body(ErasureReceiptResponse.of(receipt));
    }

    /** {@code statement} and {@code signature} are base64; the key is published at /.well-known/hindsight/keys. */
    public record ErasureReceiptResponse(
            String erasureId,
            String accountId,
            String dataKeyId,
            Instant dataKeyCreatedAt,
            Instant erasedAt,
            String erasedBy,
            List<ErasedEvents> erased,
            List<ErasedEvents> keptInClear,
            String keyId,
            String algorithm,
            String statement,
            String signature,
            String cleanup,
            String cleanupDetail) {

        static ErasureReceiptResponse of(ErasureReceipt receipt) {
            Base64.Encoder base64 = Base64.getEncoder();
            return new ErasureReceiptResponse(
                    receipt.erasureId(),
                    receipt.subject(),
                    receipt.dataKeyId(),
                    receipt.dataKeyCreatedAt(),
                    receipt.erasedAt(),
                    receipt.erasedBy(),
                    receipt.erased(),
                    receipt.keptInClear(),
                    receipt.signingKeyId(),
                    SigningKey.ALGORITHM,
                    base64.encodeToString(receipt.statement()),
                    base64.encodeToString(receipt.signature()),
                    receipt.cleanup().state(),
                    receipt.cleanup().detail());
        }
    }
}
