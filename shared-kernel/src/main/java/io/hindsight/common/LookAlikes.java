package io.hindsight.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key under which names that look the same are one name (a nickname, a snack's name): compatibility forms are
 * their plain characters (a no-break space, full-width letters; Unicode NFKC, which also composes an accent written
 * as a separate mark), invisible characters are dropped, runs of whitespace are one space, the ends are trimmed, and
 * letter case does not count. Invisible: format characters (a zero-width space) and the other characters Unicode
 * says are ignorable when shown - the combining grapheme joiner, variation selectors, the Hangul fillers (the blank
 * name of Korean services, letters by category) - and the blank Braille pattern.
 */
public final class LookAlikes {

    private static final String INVISIBLE_CHARACTERS =
            "\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u2800\\u3164\\uFE00-\\uFE0F\\uFFA0\\x{E0100}-\\x{E01EF}";
    private static final Pattern INVISIBLE = Pattern.compile("[" + INVISIBLE_CHARACTERS + "]+");
    private static final Pattern INVISIBLE_OR_SPACE = Pattern.compile("[" + INVISIBLE_CHARACTERS + "\\p{Z}\\s]");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern SHOWN = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S}]");
    private static final Pattern REORDERING = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private LookAlikes() {}

    /** Whether the name shows nothing: only spaces, invisible characters or marks without a letter to sit on. */
    public static boolean showsNothing(String name) {
        return !SHOWN.matcher(key(name)).find();
    }

    /**
     * An optional text as kept: none when it shows nothing (blank, or only invisible characters such as a zero-width
     * space), as an empty one is; else the text stripped.
     */
    public static String shownOrNull(String text) {
        return text == null || showsNothing(text) ? null : trimmed(text);
    }

    /**
     * The text without what shows as space around it: the ASCII spaces and controls {@link String#trim()} drops, and
     * Unicode's spaces too (a no-break, thin or ideographic space, a line separator), the zero-width space and the byte
     * order mark. Pasted names carry them, and a view showed them as the text's own.
     */
    public static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && showsAsSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && showsAsSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean showsAsSpace(char c) {
        return c <= ' ' || c == '\u0085' || c == '\u200B' || c == '\uFEFF' || Character.isSpaceChar(c);
    }

    /**
     * Whether the name holds a control that reorders the text around it (a right-to-left override, an embedding, an
     * isolate): "0dd eiP ocohC" after a right-to-left override shows as "Choco Pie dd0", under another key.
     */
    public static boolean reordersText(String name) {
        return REORDERING.matcher(name).find();
    }

    /**
     * Whether text that must be read exactly as written (an email) is written in plain characters: nothing invisible,
     * no space inside it, and nothing NFKC would turn into another character (full-width letters, ligatures).
     */
    public static boolean isPlain(String text) {
        // only what the email's key trims (ASCII spaces and below) may surround it: an em or ideographic space at its
        // end is kept in the key, so stripping it here let a second account show exactly as the first one's address
        String written = text.trim();
        return !INVISIBLE_OR_SPACE.matcher(written).find() && Normalizer.isNormalized(written, Normalizer.Form.NFKC);
    }

    /**
     * The key two names share when they are one name: look-alikes folded, and letter case folded both ways. Lowered
     * alone, Σ became σ or a final ς by its place in the word, and ς, σ, ı and i stayed apart though Σ and I are the
     * capitals of both: {@code ςz} and {@code Σz}, {@code ınk} and {@code Ink} were two names.
     */
    public static String key(String name) {
        return Normalizer.normalize(
                lowerCasedKey(name).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** The key as it was made before letter case was folded both ways, which the keys stored until then were made of. */
    public static String lowerCasedKey(String name) {
        String plain = Normalizer.normalize(INVISIBLE.matcher(name).replaceAll(""), Normalizer.Form.NFKC);
        return WHITESPACE.matcher(plain.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
