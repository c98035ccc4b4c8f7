package io.hindsight.funding.api;

import io.hindsight.ledger.api.LedgerRules;

/** Limits of crowdfunding, shared by request validation and the aggregate. */
public final class FundingRules {

    public static final int MAX_TITLE_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 10_000;
    public static final long MAX_AMOUNT = LedgerRules.MAX_AMOUNT;
    /** How far ahead a campaign may end. */
    public static final int MAX_DAYS = 3 * 366;

    private FundingRules() {}
}
