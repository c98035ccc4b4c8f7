package io.hindsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void emojiKoreanAndRightToLeftTextAreText() {
        assertThat(Text.isAcceptable("간식 🍪 שלום مرحبا \u200f family 👨‍👩‍👧", false))
                .isTrue();
        assertThat(Text.isAcceptable(null, false)).isTrue();
        assertThat(Text.isAcceptable("", false)).isTrue();
    }

    @Test
    void nulControlCharactersAndUnpairedSurrogatesAreNot() {
        assertThat(Text.problemWith("a\u0000b", false)).contains("a NUL character");
        assertThat(Text.problemWith("bell\u0007", false)).contains("the control character U+0007");
        assertThat(Text.problemWith("c1\u0085", true)).contains("the control character U+0085");
        assertThat(Text.problemWith("del\u007f", true)).isPresent();
        assertThat(Text.problemWith("\ud800", false)).contains("an unpaired surrogate U+D800");
        assertThat(Text.problemWith("x\udc00y", false)).contains("an unpaired surrogate U+DC00");
        assertThat(Text.problemWith("\ud83c\ud83c\udf6a", false)).isPresent();
    }

    @Test
    void tabsAndLineBreaksOnlyInLongTexts() {
        assertThat(Text.isAcceptable("line one\r\nline two\tend", true)).isTrue();
        assertThat(Text.problemWith("line one\nline two", false)).contains("the control character U+000A");
        assertThat(Text.problemWith("a\tb", false)).contains("the control character U+0009");
        assertThat(Text.problemWith("line\u2028break", false)).contains("the line break U+2028");
        assertThat(Text.problemWith("para\u2029break", false)).contains("the line break U+2029");
        assertThat(Text.isAcceptable("line\u2028break\u2029para", true)).isTrue();
    }

    @Test
    void sanitizingDropsWhatIsNotTextAndKeepsPairsWhole() {
        assertThat(Text.sanitized("Mi\u0000na\ud800 🍪\u2028", 100)).isEqualTo("Mina 🍪");
        assertThat(Text.sanitized("ab🍪", 3)).isEqualTo("ab");
        assertThat(Text.sanitized("ab🍪", 4)).isEqualTo("ab🍪");
    }
}
