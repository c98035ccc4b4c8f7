package io.hindsight.store.api;

/** The stores context's limits, for request validation and the aggregates alike. */
public final class StoreRules {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_ADDRESS_LENGTH = 300;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_REQUEST_LENGTH = 300;
    public static final int MAX_MESSAGE_LENGTH = 200;
    public static final int MAX_REASON_LENGTH = 200;
    public static final long MAX_PRICE = 10_000_000L;
    public static final int MAX_ORDER_ITEMS = 30;
    public static final int MAX_QUANTITY = 99;
    public static final int MAX_MENU_ITEMS = 500;
    public static final int MAX_PAYMENT_ID_LENGTH = 100;

    private StoreRules() {}
}
