package io.hindsight.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CouponCodeTest {

    private static final String CODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void aCodeIsReadInEitherCaseAndWithDashes() {
        assertThat(CouponCode.parse(" abcdefghij-klmnopqrstuvwxyz ")).contains(new CouponCode(CODE));
    }

    @Test
    void aLetterThatOnlyUpperCasesToOneOfTheCodesIsNotIt() {
        assertThat(CouponCode.parse("ABCDEFGH\u0131JKLMNOPQRSTUVWXYZ")).isEmpty();
        assertThat(CouponCode.parse("ABCDEFGHIJKLMNOPQR\u017fTUVWXYZ")).isEmpty();
    }
}
