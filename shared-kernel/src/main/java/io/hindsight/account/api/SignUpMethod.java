package io.hindsight.account.api;

/** How an account came to exist. */
public enum SignUpMethod {
    PASSWORD,
    SOCIAL,
    BOOTSTRAP
}
