package io.hindsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcInstantsTest {

    @Test
    void readsEveryInstantAsIsoInstantWritesItWhateverItsPrecision() {
        SplittableRandom random = new SplittableRandom(20261201);
        long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long[] precisions = {1_000_000_000, 1_000_000, 1_000, 1, 100_000_000, 10};
        for (int i = 0; i < 100_000; i++) {
            long precision = precisions[i % precisions.length];
            long nanos = random.nextLong(1_000_000_000) / precision * precision;
            Instant instant = Instant.ofEpochSecond(random.nextLong(latest), nanos);
            String written = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(UtcInstants.parseOrNull(written)).as(written).isEqualTo(instant);
        }
        assertThat(UtcInstants.parseOrNull("1970-01-01T00:00:00Z")).isEqualTo(Instant.EPOCH);
        assertThat(UtcInstants.parseOrNull("2024-02-29T23:59:59.999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
        assertThat(UtcInstants.parseOrNull("2026-12-01T18:00:00.5Z"))
                .isEqualTo(Instant.parse("2026-12-01T18:00:00.5Z"));
        assertThat(UtcInstants.parseOrNull("2026-12-01T18:00:00.123456789Z"))
                .isEqualTo(Instant.parse("2026-12-01T18:00:00.123456789Z"));
    }

    @Test
    void leavesEveryOtherShapeToTheGeneralParsers() {
        for (String other : new String[] {
            "2026-12-01T19:00:00.5+01:00",
            "+10000-01-01T00:00:00Z",
            "2026-12-01T23:59:60Z",
            "2026-12-01T18:00:00.Z",
            "2026-12-01T18:00:00.1234567890Z",
            "2026-12-01T18:00:00,5Z",
            "2026-12-01T18:00Z",
            "2026-12-01t18:00:00Z",
            "2026-12-01T18:00:00z",
            "",
            "1733076000"
        }) {
            assertThat(UtcInstants.parseOrNull(other)).as(other).isNull();
        }
    }

    @Test
    void answersNullForTextThatNamesNoInstant() {
        for (String broken : new String[] {
            "2026-13-01T00:00:00.000Z",
            "2026-00-01T00:00:00Z",
            "2026-02-30T00:00:00.000Z",
            "2023-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-12-00T00:00:00Z",
            "2026-12-01T24:00:00.000Z",
            "2026-12-01T00:60:00Z",
            "2026-12-01T00:00:00.0x0Z",
            "2026-12-01 00:00:00.000Z",
            "2O26-12-01T00:00:00Z"
        }) {
            assertThat(UtcInstants.parseOrNull(broken)).as(broken).isNull();
        }
    }
}
