package io.hindsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import java.util.concurrent.atomic.AtomicInteger;
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
        LiveStreamShares.Share second = shares.takeOrRefuse("mina");
        shares.takeOrRefuse("hana");

        assertThatThrownBy(() -> shares.takeOrRefuse("mina")).isInstanceOf(BusinessException.class);

        second.release();
        second.release();
        shares.takeOrRefuse("mina");
        assertThatThrownBy(() -> shares.takeOrRefuse("mina")).isInstanceOf(BusinessException.class);
    }

    @Test
    void aCallerWithNoShareLeftTakesTheShareOfAStreamFoundGone() {
        LiveStreamShares shares = new LiveStreamShares(2);
        LiveStreamShares.Share alive = shares.takeOrRefuse("mina");
        alive.probedBy(() -> {});
        LiveStreamShares.Share gone = shares.takeOrRefuse("mina");
        AtomicInteger writes = new AtomicInteger();
        // the first write to a stream whose client left succeeds, the second fails and ends the stream
        gone.probedBy(() -> {
            if (writes.incrementAndGet() == 2) {
                gone.release();
            }
        });

        shares.takeOrRefuse("mina");

        assertThat(writes).hasValue(2);
        assertThatThrownBy(() -> shares.takeOrRefuse("mina")).isInstanceOf(BusinessException.class);
    }
}
