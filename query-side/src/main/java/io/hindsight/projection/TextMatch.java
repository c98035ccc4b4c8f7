package io.hindsight.projection;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text found inside text as a reader means it: in any letter case, whichever Unicode form either side was written in
 * (a Mac's file names and some of its keyboards give Korean decomposed, jamo by jamo; nearly everything else
 * composed), and with the Greek final sigma as a sigma (Σ lowers to σ, so "ΟΔΟΣ" and "οδος" are one word). Searches
 * compared code points as stored: a name sent decomposed was not found by the same name typed on a phone.
 */
public final class TextMatch {

    private static final String PARAMETER = "contains";

    private TextMatch() {}

    /**
     * The form a searchable key column holds and a keyword is compared in there ({@link #keyContains}): lower case,
     * composed, final sigma as sigma. Lowered before it is composed, as {@code V8_21} folds the rows kept before.
     */
    public static String folded(String text) {
        return composed(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Rows where any of {@code expressions} (text columns or expressions of the model) contains {@code keyword}: the
     * database folds case ({@code ILIKE}), both sides are composed first. Not indexable; for a column kept folded, use
     * {@link #keyContains}.
     */
    public static Where containing(String keyword, List<String> expressions) {
        String condition = expressions.stream()
                .map(expression ->
                        "translate(normalize(" + expression + ", NFC), 'ς', 'σ') ILIKE :" + PARAMETER + " ESCAPE '\\'")
                .collect(Collectors.joining(" OR "));
        return Where.sql(condition, Map.of(PARAMETER, "%" + escaped(composed(keyword)) + "%"));
    }

    /** Rows whose {@code column}, kept {@link #folded}, contains {@code keyword}; a trigram index serves it. */
    public static Where keyContains(String column, String keyword) {
        return Where.sql(
                Where.identifier(column) + " LIKE :" + PARAMETER + " ESCAPE '\\'",
                Map.of(PARAMETER, "%" + escaped(folded(keyword)) + "%"));
    }

    private static String composed(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replace('ς', 'σ');
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
