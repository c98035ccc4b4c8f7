package io.hindsight.ledger.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.ledger.LedgerBalance;
import io.hindsight.ledger.TransferOutcome;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.LedgerRules;
import io.hindsight.ledger.api.OpenLedgerAccount;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's wallet: open it, put money in, take money out. */
@CommandRole
@RestController
@RequestMapping("/api/wallet")
@PreAuthorize("isAuthenticated()")
public class WalletCommandController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Commands commands;

    public WalletCommandController(Commands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<WalletBalance> open(@AuthenticationPrincipal AuthenticatedAccount me) {
        LedgerAccountId walletId = LedgerAccountId.wallet(me.accountId());
        commands.send(new OpenLedgerAccount(walletId));
        return ResponseEntity.created(URI.create("/api/wallet")).body(new WalletBalance(walletId.value(), 0, 0));
    }

    @PostMapping("/deposits")
    public WalletBalance deposit(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody AmountRequest request) {
        TransferOutcome outcome = commands.send(new Transfer(
                transferFor("deposit", me, idempotencyKey),
                SystemAccount.DEPOSITS.accountId(),
                LedgerAccountId.wallet(me.accountId()),
                request.whole(),
                TransferKind.DEPOSIT,
                Map.of()));
        return WalletBalance.of(outcome.to());
    }

    @PostMapping("/withdrawals")
    public WalletBalance withdraw(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody AmountRequest request) {
        TransferOutcome outcome = commands.send(new Transfer(
                transferFor("withdrawal", me, idempotencyKey),
                LedgerAccountId.wallet(me.accountId()),
                SystemAccount.PAYOUTS.accountId(),
                request.whole(),
                TransferKind.WITHDRAWAL,
                Map.of()));
        return WalletBalance.of(outcome.from());
    }

    /**
     * The transfer a request names: with an Idempotency-Key, one id per caller, operation and key, so that the
     * movement is applied once however often the request runs. The key's record only lives beside the command: a
     * node that died after the deposit committed and before its answer was kept left the key to be taken over two
     * minutes later, and the retry deposited again under a new id. Without a key, each request is a new movement.
     */
    private static TransferId transferFor(String operation, AuthenticatedAccount me, String idempotencyKey) {
        if (idempotencyKey == null) {
            return TransferId.newId();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((me.accountId().value() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return TransferId.forKey(operation, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON number, so that 1.5 is refused instead of becoming 1. */
    public record AmountRequest(@NotNull BigDecimal amount) {

        long whole() {
            return WholeNumbers.between(amount, 1, LedgerRules.MAX_AMOUNT, "amount", LedgerError.INVALID_AMOUNT);
        }
    }

    public record WalletBalance(String walletId, long balance, long held) {

        static WalletBalance of(LedgerBalance balance) {
            return new WalletBalance(balance.accountId().value(), balance.balance(), balance.held());
        }
    }
}
