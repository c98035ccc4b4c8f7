package io.hindsight.shop.api;

import io.hindsight.common.BusinessException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of ids that arrive from clients, so a malformed one is a 400 and never reaches a query. */
final class Ids {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {}

    static String requireUuid(String raw, String what) {
        String value = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (!UUID.matcher(value).matches()) {
            throw new BusinessException(ShopError.MALFORMED_ID, "'%s' is not a %s id", abbreviate(raw), what);
        }
        return value;
    }

    /** An account's id as the API writes it: a UUID (a social account's is derived, but still one). */
    static boolean isUuid(String value) {
        return UUID.matcher(value).matches();
    }

    static String abbreviate(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
    }
}
