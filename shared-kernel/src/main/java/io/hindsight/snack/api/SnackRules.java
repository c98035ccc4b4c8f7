package io.hindsight.snack.api;

/** The office snacks context's limits, for request validation and the aggregates alike. */
public final class SnackRules {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    public static final long MAX_PRICE = 1_000_000_000_000L;
    public static final int MAX_ORDER_ITEMS = 50;
    public static final int MAX_QUANTITY = 999;

    private SnackRules() {}
}
