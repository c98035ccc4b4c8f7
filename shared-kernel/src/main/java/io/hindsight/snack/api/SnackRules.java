package io.hindsight.snack.api;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.util.Currency;
import java.util.regex.Pattern;

/** The office snacks context's limits, for request validation and the aggregates alike. */
public final class SnackRules {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    public static final long MAX_PRICE = 1_000_000_000_000L;
    public static final int MAX_ORDER_ITEMS = 50;
    public static final int MAX_QUANTITY = 999;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private SnackRules() {}

    /**
     * The ISO 4217 code a client wrote in any case of its ASCII letters; anything else is VALIDATION_FAILED ({@code uſd},
     * with a long s, is no code: Java's upper case made it USD).
     */
    public static String currencyCode(String code) {
        String upper = code == null ? "" : AsciiCase.upperCase(code.strip());
        try {
            if (CURRENCY_CODE.matcher(upper).matches() && Currency.getInstance(upper) != null) {
                return upper;
            }
        } catch (IllegalArgumentException unknown) {
            // falls through to the refusal below
        }
        throw new BusinessException(CommonError.VALIDATION_FAILED, "'%s' is not an ISO 4217 currency code", code);
    }

    /**
     * A currency a price is paid in: {@link #currencyCode} that has a minor unit, as a price is counted in it. The codes
     * ISO 4217 keeps for no currency (XXX), testing (XTS), metals (XAU) and units of account (XDR) have none.
     */
    public static String priceCurrency(String code) {
        String currency = currencyCode(code);
        if (Currency.getInstance(currency).getDefaultFractionDigits() < 0) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "'%s' is no currency a price is paid in", currency);
        }
        return currency;
    }
}
