package io.hindsight.shop.api;

/** The shop's fixed limits and currency, shared by the guards on the command side and the read side. */
public final class ShopRules {

    /** Every price and total is an integer amount of Korean won, which has no minor unit. */
    public static final String CURRENCY = "KRW";

    public static final long MAX_PRICE = 1_000_000_000L;
    public static final int MAX_LINE_QUANTITY = 1_000;
    public static final int MAX_CART_LINES = 100;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    public static final int MAX_IMAGE_URL_LENGTH = 2048;

    private ShopRules() {}
}
