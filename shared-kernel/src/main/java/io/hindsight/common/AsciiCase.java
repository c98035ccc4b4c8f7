package io.hindsight.common;

/**
 * Letter case of the words a protocol defines (enum names, sort keys, {@code true}, coupon codes, currency codes),
 * which are ASCII. Java's own case-blind comparison folds by Unicode, so {@code admın} (a dotless i) equalled
 * {@code ADMIN} and {@code falſe} (a long s) {@code false}: a value no client means, read as one it does.
 */
public final class AsciiCase {

    private AsciiCase() {}

    /** Whether the two are the same text but for the case of ASCII letters. */
    public static boolean equalsIgnoringCase(String text, String other) {
        if (text.length() != other.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (upper(text.charAt(i)) != upper(other.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text with its ASCII letters upper-cased and every other character as it is. */
    public static String upperCase(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            upper.append(upper(text.charAt(i)));
        }
        return upper.toString();
    }

    /** The text with its ASCII letters lower-cased and every other character as it is. */
    public static String lowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return lower.toString();
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
}
