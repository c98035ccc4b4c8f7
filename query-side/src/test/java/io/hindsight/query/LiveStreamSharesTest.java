package io.hindsight.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class LiveStreamSharesTest {

    @Test
    void cannotBeSetBelowOneStreamPerAccount() {
        for (int perAccount : new int[] {0, -1}) {
            assertThatThrownBy(() -> new LiveStreamShares(perAccount))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("hindsight.streams.per-account");
        }
    }

    @Test
    void cannotTakeMoreSharesThanSetUntilOneIsGivenBack() {
        LiveStreamShares shares = new LiveStreamShares(2);
        shares.takeOrRefuse("mina");
        Runnable second = shares.takeOrRefuse("mina");
        shares.takeOrRefuse("hana");

        assertThatThrownBy(() -> shares.takeOrRefuse("mina")).isInstanceOf(BusinessException.class);

        second.run();
        second.run();
        shares.takeOrRefuse("mina");
        assertThatThrownBy(() -> shares.takeOrRefuse("mina")).isInstanceOf(BusinessException.class);
    }
}
