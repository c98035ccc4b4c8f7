package io.hindsight.account.api;

/** The accounts context's limits, for request validation and the command side alike. */
public final class AccountRules {

    public static final int MAX_EMAIL_LENGTH = 320;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_NICKNAME_LENGTH = 30;

    public static final int MIN_PASSWORD_LENGTH = 8;

    /** bcrypt reads at most 72 bytes of a password. */
    public static final int MAX_PASSWORD_LENGTH = 72;

    private AccountRules() {}
}
