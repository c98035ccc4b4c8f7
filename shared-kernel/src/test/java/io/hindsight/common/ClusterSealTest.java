package io.hindsight.common;

import static io.hindsight.common.ClusterSeal.number;
import static io.hindsight.common.ClusterSeal.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSealTest {

    private static final String BEFORE = "the cluster's secret before its rotation";
    private static final String NOW = "the cluster's secret after its rotation";

    @Test
    void aSealMadeUnderAPreviousSecretStillMatchesButIsNotCurrent() {
        String sealedBefore = new ClusterSeal(BEFORE, "purpose").of(text("key"), number(7));
        ClusterSeal rotated = new ClusterSeal(NOW, List.of(BEFORE), "purpose");

        assertThat(rotated.matches(sealedBefore, text("key"), number(7))).isTrue();
        assertThat(rotated.isCurrent(sealedBefore, text("key"), number(7))).isFalse();
        assertThat(rotated.isCurrent(rotated.of(text("key"), number(7)), text("key"), number(7)))
                .isTrue();
    }

    @Test
    void aSealMatchesOnlyItsOwnFieldsPurposeAndTheSecretsListed() {
        String sealed = new ClusterSeal(BEFORE, "purpose").of(text("key"), number(7));

        assertThat(new ClusterSeal(NOW, "purpose").matches(sealed, text("key"), number(7)))
                .isFalse();
        assertThat(new ClusterSeal(NOW, List.of(BEFORE), "another purpose").matches(sealed, text("key"), number(7)))
                .isFalse();
        assertThat(new ClusterSeal(NOW, List.of(BEFORE), "purpose").matches(sealed, text("key"), number(8)))
                .isFalse();
        assertThat(new ClusterSeal(NOW, List.of("", BEFORE), "purpose").matches(null, text("key"), number(7)))
                .isFalse();
    }
}
