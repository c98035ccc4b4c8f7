package io.hindsight.snack;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How snack names compare: Unicode-normalized, trimmed, inner whitespace collapsed, any letter case. */
public final class SnackNames {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SnackNames() {}

    /** The name as shown: normalized, trimmed, inner runs of whitespace as one space. */
    public static String clean(String name) {
        return WHITESPACE
                .matcher(Normalizer.normalize(name, Normalizer.Form.NFC).strip())
                .replaceAll(" ");
    }

    /** The key two names share exactly when they name the same snack. */
    public static String key(String name) {
        return clean(name).toLowerCase(Locale.ROOT);
    }
}
