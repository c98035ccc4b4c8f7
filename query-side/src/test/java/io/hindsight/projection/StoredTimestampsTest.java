package io.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(20261201);
        long latest = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(latest));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(instant);
        }
        assertThat(StoredTimestamps.parse("1970-01-01T00:00:00.000Z")).isEqualTo(Instant.EPOCH);
        assertThat(StoredTimestamps.parse("2024-02-29T23:59:59.999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
    }

    @Test
    void leavesOtherShapesToAxonsParser() {
        assertThat(StoredTimestamps.parse("2026-12-01T19:00:00.5+01:00"))
                .isEqualTo(Instant.parse("2026-12-01T18:00:00.500Z"));
        assertThat(StoredTimestamps.parse("2026-12-01T18:00:00.123456Z"))
                .isEqualTo(Instant.parse("2026-12-01T18:00:00.123456Z"));
        assertThat(StoredTimestamps.parse("+10000-01-01T00:00:00.000Z"))
                .isEqualTo(Instant.parse("+10000-01-01T00:00:00.000Z"));
    }

    @Test
    void refusesWhatIsNoInstantLikeAxonDoes() {
        for (String broken : new String[] {
            "2026-13-01T00:00:00.000Z",
            "2026-02-30T00:00:00.000Z",
            "2026-12-01T24:00:00.000Z",
            "2026-12-01T00:00:00.0x0Z",
            "2026-12-01 00:00:00.000Z"
        }) {
            assertThatThrownBy(() -> StoredTimestamps.parse(broken)).as(broken).isInstanceOf(DateTimeException.class);
        }
    }
}
