package io.hindsight.common;

import java.util.Optional;

/**
 * The one rule for text that comes from outside: no NUL, no unpaired UTF-16 surrogate and no C0/C1 control
 * character, except that tab, line feed and carriage return are allowed in long texts ({@link MultilineText}), and
 * there the line and paragraph separators too (U+2028, U+2029): they break a line wherever text is shown as one.
 * Everything else - emoji, Korean, right-to-left text and its direction marks - is text.
 */
public final class Text {

    private Text() {}

    /** What is wrong with {@code value} as text, or empty when it is acceptable (null is). */
    public static Optional<String> problemWith(String value, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("an unpaired surrogate " + codePoint(c));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("an unpaired surrogate " + codePoint(c));
            }
            if (Character.isISOControl(c) && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                return Optional.of(c == 0 ? "a NUL character" : "the control character " + codePoint(c));
            }
            if (isLineSeparator(c) && !multiline) {
                return Optional.of("the line break " + codePoint(c));
            }
        }
        return Optional.empty();
    }

    public static boolean isAcceptable(String value, boolean multiline) {
        return problemWith(value, multiline).isEmpty();
    }

    /**
     * {@code value} made acceptable as single-line text, for text we did not choose ourselves but keep (a
     * provider's display name): control characters and unpaired surrogates are dropped, at most
     * {@code maxLength} characters kept without splitting a surrogate pair.
     */
    public static String sanitized(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (kept.length() + 2 > maxLength) {
                    break;
                }
                kept.append(c).append(value.charAt(++i));
            } else if (!Character.isSurrogate(c) && !Character.isISOControl(c) && !isLineSeparator(c)) {
                if (kept.length() + 1 > maxLength) {
                    break;
                }
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static boolean isLineSeparator(char c) {
        return c == '\u2028' || c == '\u2029';
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
