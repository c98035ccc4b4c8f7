package io.hindsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiCaseTest {

    @Test
    void foldsTheCaseOfAsciiLettersOnly() {
        assertThat(AsciiCase.equalsIgnoringCase("admin", "ADMIN")).isTrue();
        assertThat(AsciiCase.equalsIgnoringCase("Price_Asc", "price_asc")).isTrue();
        assertThat(AsciiCase.equalsIgnoringCase("adm\u0131n", "ADMIN")).isFalse();
        assertThat(AsciiCase.equalsIgnoringCase("fal\u017fe", "false")).isFalse();
        assertThat(AsciiCase.equalsIgnoringCase("\u212Aey", "key")).isFalse();
        assertThat(AsciiCase.equalsIgnoringCase("admin", "admins")).isFalse();
    }

    @Test
    void upperCasesAsciiLettersAndLeavesTheRest() {
        assertThat(AsciiCase.upperCase("abc-xyz_2")).isEqualTo("ABC-XYZ_2");
        assertThat(AsciiCase.upperCase("\u0131\u017f\u00e9")).isEqualTo("\u0131\u017f\u00e9");
    }

    @Test
    void lowerCasesAsciiLettersAndLeavesTheRest() {
        assertThat(AsciiCase.lowerCase("ABC-xyz_2")).isEqualTo("abc-xyz_2");
        assertThat(AsciiCase.lowerCase("\u212A\u0130\u00c9")).isEqualTo("\u212A\u0130\u00c9");
    }
}
