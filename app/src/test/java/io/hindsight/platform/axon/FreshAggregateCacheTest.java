package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FreshAggregateCacheTest {

    /** An erasure changes no event: only an aggregate reloaded from its events reads the destroyed key's values as erased. */
    @Test
    void keepsNothingLongerThanItsMaximumAge() {
        AtomicLong now = new AtomicLong();
        FreshAggregateCache cache = new FreshAggregateCache(null, 10, Duration.ofMillis(50), now::get);
        cache.put("not-an-aggregate", "kept");
        now.addAndGet(Duration.ofMillis(50).toNanos());
        assertThat((String) cache.get("not-an-aggregate")).isEqualTo("kept");
        now.incrementAndGet();
        assertThat((String) cache.get("not-an-aggregate")).isNull();
        assertThat(cache.containsKey("not-an-aggregate")).isFalse();
    }

    @Test
    void keepsTheMostRecentlyUsedWithinItsCapacity() {
        FreshAggregateCache cache = new FreshAggregateCache(null, 2, Duration.ofMinutes(1));
        cache.put("a", "1");
        cache.put("b", "2");
        cache.get("a");
        cache.put("c", "3");
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }
}
