package io.hindsight.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A link a client gives us to show in a page (a snack's address, a space's images): an absolute http(s) address with
 * a host. Anything else (javascript:, data:, a relative path, {@code http:///x}, raw markup) is refused; the scheme's
 * letter case does not matter.
 */
public final class WebAddress {

    private WebAddress() {}

    /** The address, trimmed, or a VALIDATION_FAILED naming {@code field}. */
    public static String require(String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException malformed) {
            // falls through to the refusal below
        }
        throw new BusinessException(CommonError.VALIDATION_FAILED, "%s must be an absolute http(s) address", field);
    }
}
