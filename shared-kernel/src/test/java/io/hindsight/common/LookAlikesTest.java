package io.hindsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LookAlikesTest {

    @Test
    void charactersShownAsNothingAreNoPartOfAName() {
        // Hangul fillers (letters by category), the blank Braille pattern, a grapheme joiner, variation selectors
        for (String blank :
                List.of("\u3164\u3164", "\u115F", "\u1160", "\uFFA0", "\u2800", "\u034F", "\uFE0F", "\u200b")) {
            assertThat(LookAlikes.showsNothing(blank)).as(blank).isTrue();
        }
        assertThat(LookAlikes.key("lktljjub\uFFA0")).isEqualTo(LookAlikes.key("lktljjub"));
        assertThat(LookAlikes.key("LKTLJJUB\u115F")).isEqualTo(LookAlikes.key("lktljjub"));
        assertThat(LookAlikes.key("Cafe\u034F")).isEqualTo(LookAlikes.key("cafe"));
        assertThat(LookAlikes.key("Caf\uFE0Fe")).isEqualTo(LookAlikes.key("cafe"));
        assertThat(LookAlikes.showsNothing("\ud55c\uae00")).isFalse();
        assertThat(LookAlikes.showsNothing("\ud83c\udf6a")).isFalse();
    }

    @Test
    void trimmingDropsEverySpaceAroundTheTextAndNothingInsideOrShown() {
        assertThat(LookAlikes.trimmed("\u00a0\u3000\u2003Mina\u00a0Kim\u202f\u200b\ufeff \t"))
                .isEqualTo("Mina\u00a0Kim");
        // an emoji's presentation selector and a joined sequence at the end are part of what is shown
        assertThat(LookAlikes.trimmed("I \u2764\ufe0f")).isEqualTo("I \u2764\ufe0f");
        assertThat(LookAlikes.trimmed("\ud83d\udc68\u200d\ud83d\udc69 ")).isEqualTo("\ud83d\udc68\u200d\ud83d\udc69");
        assertThat(LookAlikes.trimmed("\u00a0\u3000")).isEmpty();
    }

    @Test
    void anEmailIsPlainOnlyWithoutInvisibleSpaceOrCompatibilityCharacters() {
        assertThat(LookAlikes.isPlain("mina@example.com")).isTrue();
        assertThat(LookAlikes.isPlain(" mina@example.com ")).isTrue();
        for (String lookAlike : List.of(
                "mi\u200bna@example.com",
                "mina\u3164@example.com",
                "mi na@example.com",
                "\uff4dina@example.com",
                "mina@example.com\u2003",
                "\u3000mina@example.com")) {
            assertThat(LookAlikes.isPlain(lookAlike)).as(lookAlike).isFalse();
        }
    }

    @Test
    void controlsThatReorderTextAreFound() {
        assertThat(LookAlikes.reordersText("\u202e0dd eiP")).isTrue();
        assertThat(LookAlikes.reordersText("\u2067x\u2069")).isTrue();
        assertThat(LookAlikes.reordersText("\u05e9\u05dc\u05d5\u05dd \u200f")).isFalse();
    }

    @Test
    void anOptionalTextThatShowsNothingIsNoneAndAnyOtherIsStripped() {
        assertThat(LookAlikes.shownOrNull(null)).isNull();
        assertThat(LookAlikes.shownOrNull("  ")).isNull();
        assertThat(LookAlikes.shownOrNull("\u200b")).isNull();
        assertThat(LookAlikes.shownOrNull("\u00a0\u2060")).isNull();
        assertThat(LookAlikes.shownOrNull("  Near the station\n")).isEqualTo("Near the station");
    }

    /** Σ is the capital of σ and of the final ς, I of i and of the dotless ı: each pair is one name in two cases. */
    @Test
    void aKeyFoldsLetterCaseBothWays() {
        assertThat(LookAlikes.key("\u03c2z"))
                .isEqualTo(LookAlikes.key("\u03a3z"))
                .isEqualTo(LookAlikes.key("\u03c3z"));
        assertThat(LookAlikes.key("\u0131nk")).isEqualTo(LookAlikes.key("Ink")).isEqualTo(LookAlikes.key("ink"));
        assertThat(LookAlikes.key("\u039f\u0394\u039f\u03a3 x"))
                .isEqualTo(LookAlikes.key("\u03bf\u03b4\u03bf\u03c3 x"))
                .isEqualTo(LookAlikes.key("\u03bf\u03b4\u03bf\u03c2 x"));
        assertThat(LookAlikes.key("Stra\u00dfe")).isEqualTo(LookAlikes.key("STRASSE"));
        assertThat(LookAlikes.key("Honey Butter Chip")).isEqualTo(LookAlikes.lowerCasedKey("Honey Butter Chip"));
        assertThat(LookAlikes.key("\ud5c8\ub2c8\ubc84\ud130\uce69")).isEqualTo("\ud5c8\ub2c8\ubc84\ud130\uce69");
        assertThat(LookAlikes.key("\u01f0")).isEqualTo(LookAlikes.key("\u01f0".toUpperCase(java.util.Locale.ROOT)));
        // still apart: a dotted capital I is i with a dot above, not i
        assertThat(LookAlikes.key("\u0130stanbul")).isNotEqualTo(LookAlikes.key("istanbul"));
    }
}
