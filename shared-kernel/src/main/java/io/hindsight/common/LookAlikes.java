package io.hindsight.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key under which names that look the same are one name (a nickname, a snack's name): compatibility forms are
 * their plain characters (a no-break space, full-width letters; Unicode NFKC, which also composes an accent written
 * as a separate mark), invisible format characters (a zero-width space) are dropped, runs of whitespace are one
 * space, the ends are trimmed, and letter case does not count.
 */
public final class LookAlikes {

    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern SHOWN = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S}]");
    private static final Pattern REORDERING = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069]");

    private LookAlikes() {}

    /** Whether the name shows nothing: only spaces, invisible characters or marks without a letter to sit on. */
    public static boolean showsNothing(String name) {
        return !SHOWN.matcher(key(name)).find();
    }

    /**
     * Whether the name holds a control that reorders the text around it (a right-to-left override, an embedding, an
     * isolate): "0dd eiP ocohC" after a right-to-left override shows as "Choco Pie dd0", under another key.
     */
    public static boolean reordersText(String name) {
        return REORDERING.matcher(name).find();
    }

    public static String key(String name) {
        String plain = Normalizer.normalize(INVISIBLE.matcher(name).replaceAll(""), Normalizer.Form.NFKC);
        return WHITESPACE.matcher(plain.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
