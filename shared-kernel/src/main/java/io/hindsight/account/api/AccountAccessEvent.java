package io.hindsight.account.api;

/**
 * A fact about access to an account - a log-in, a failed one, a lock-out, a log-out, a token refresh, a
 * revoked session - kept in the account's history for auditors. It changes nothing of the account. The
 * session is the id of the refresh-token family the log-in opened, an identifier that grants nothing;
 * passwords and tokens are never recorded.
 */
public sealed interface AccountAccessEvent extends AccountEvent
        permits LoggedIn, LogInFailed, AccountLockedOut, LoggedOut, TokensRefreshed, SessionRevoked {

    /** The address the request came from, as the node saw it (behind a trusted proxy, the forwarded one). */
    String clientAddress();
}
