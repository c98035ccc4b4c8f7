package io.hindsight.ledger.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the ledger context. */
public enum LedgerError implements ErrorCode {
    WALLET_EXISTS(ErrorKind.CONFLICT),
    WALLET_REQUIRED(ErrorKind.CONFLICT),
    WALLET_NOT_FOUND(ErrorKind.NOT_FOUND),
    WALLET_NOT_EMPTY(ErrorKind.CONFLICT),
    INSUFFICIENT_FUNDS(ErrorKind.CONFLICT),
    INSUFFICIENT_POINTS(ErrorKind.CONFLICT),
    ACCOUNT_EXISTS(ErrorKind.CONFLICT),
    ACCOUNT_REQUIRED(ErrorKind.CONFLICT),
    TRANSFER_NOT_FOUND(ErrorKind.NOT_FOUND),
    TRANSFER_EXISTS(ErrorKind.CONFLICT),
    NOT_A_HOLD(ErrorKind.CONFLICT),
    HOLD_ALREADY_POSTED(ErrorKind.CONFLICT),
    HOLD_ALREADY_VOIDED(ErrorKind.CONFLICT),
    INVALID_AMOUNT(ErrorKind.INVALID_INPUT),
    INVALID_TRANSFER(ErrorKind.INVALID_INPUT);

    private final ErrorKind kind;

    LedgerError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    /** How "this account cannot pay that much" is told for a kind of account. */
    public static LedgerError insufficient(LedgerAccountKind kind) {
        return kind == LedgerAccountKind.USER_POINTS ? INSUFFICIENT_POINTS : INSUFFICIENT_FUNDS;
    }

    /** How "this account is not open" is told for a kind of account. */
    public static LedgerError missing(LedgerAccountKind kind) {
        return kind == LedgerAccountKind.USER_WALLET ? WALLET_REQUIRED : ACCOUNT_REQUIRED;
    }

    /** How "this account is open already" is told for a kind of account. */
    public static LedgerError exists(LedgerAccountKind kind) {
        return kind == LedgerAccountKind.USER_WALLET ? WALLET_EXISTS : ACCOUNT_EXISTS;
    }
}
