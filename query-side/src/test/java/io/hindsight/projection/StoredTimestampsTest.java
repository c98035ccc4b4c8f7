package io.hindsight.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The digit-by-digit reading itself is {@code UtcInstantsTest}'s; here, that the stored stamps read as Axon reads them. */
class StoredTimestampsTest {

    @Test
    void readsEveryStampAsAxonsParserDoesWhateverItsShape() {
        long latest = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        Stream<String> writtenByAxon = new SplittableRandom(20261201)
                .longs(10_000, 0, latest)
                .mapToObj(millis -> DateTimeUtils.formatInstant(Instant.ofEpochMilli(millis)));
        Stream<String> otherShapes = Stream.of(
                "1970-01-01T00:00:00.000Z",
                "2024-02-29T23:59:59.999Z",
                "2026-12-01T19:00:00.5+01:00",
                "2026-12-01T18:00:00.123456Z",
                "+10000-01-01T00:00:00.000Z");
        Stream.concat(writtenByAxon, otherShapes)
                .forEach(stamp -> assertThat(StoredTimestamps.parse(stamp))
                        .as(stamp)
                        .isEqualTo(DateTimeUtils.parseInstant(stamp)));
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
