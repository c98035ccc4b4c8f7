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

    private LookAlikes() {}

    public static String key(String name) {
        String plain = Normalizer.normalize(INVISIBLE.matcher(name).replaceAll(""), Normalizer.Form.NFKC);
        return WHITESPACE.matcher(plain.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
