package io.hindsight.account;

/** Whether an account is in use or has resigned (resigned accounts keep their history). */
public enum AccountStatus {
    ACTIVE,
    RESIGNED
}
