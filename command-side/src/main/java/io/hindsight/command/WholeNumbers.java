package io.hindsight.command;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ErrorCode;
import java.math.BigDecimal;

/**
 * Reads money and quantities from JSON numbers without letting 1.5 become 1 or 1e30 overflow: a value
 * that is not a whole number within the bounds is refused with the given code.
 */
public final class WholeNumbers {

    private WholeNumbers() {}

    public static long between(BigDecimal value, long min, long max, String field, ErrorCode code) {
        if (value == null) {
            throw new BusinessException(code, "%s is required", field);
        }
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() > 0
                || whole.compareTo(BigDecimal.valueOf(min)) < 0
                || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BusinessException(
                    code, "%s must be a whole number between %d and %d, not %s", field, min, max, shown(value));
        }
        return whole.longValueExact();
    }

    /**
     * The refused value as the client wrote it, cut short: never its plain digits, which for 1e1000000000 are a
     * billion characters (toPlainString filled the heap), while toString keeps the exponent.
     */
    private static String shown(BigDecimal value) {
        String scientific = value.toString();
        return scientific.length() > 40 ? scientific.substring(0, 40) + "..." : scientific;
    }
}
