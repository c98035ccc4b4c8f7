package io.hindsight.store.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.AsciiCase;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A gift coupon's code, also the id of its aggregate: 26 characters of base32 (A-Z, 2-7) carrying 128 random
 * bits, so that it cannot be guessed. Codes are read case-insensitively.
 */
public record CouponCode(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Z2-7]{26}");

    public CouponCode {
        Objects.requireNonNull(value, "coupon code");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a coupon code");
        }
    }

    @JsonCreator
    public static CouponCode of(String value) {
        return new CouponCode(value);
    }

    /** The code a client sent, if it has the form of one; anything else can name no coupon. */
    public static Optional<CouponCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String code = AsciiCase.upperCase(text.strip().replace("-", ""));
        return FORM.matcher(code).matches() ? Optional.of(new CouponCode(code)) : Optional.empty();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
