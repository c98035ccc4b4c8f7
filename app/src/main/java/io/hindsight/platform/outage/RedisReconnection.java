package io.hindsight.platform.outage;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis clients try to reconnect at least once a second. Lettuce's default doubles its pause up to 30 s, so after
 * a few seconds without Redis (an outage, an embedded Redis started again) requests went on failing with 503 for
 * up to 30 s after Redis was back. A refused attempt a second costs nothing.
 */
@Configuration(proxyBeanMethods = false)
class RedisReconnection {

    static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    @Bean
    ClientResourcesBuilderCustomizer reconnectAtLeastOnceASecond() {
        return resources ->
                resources.reconnectDelay(Delay.exponential(Duration.ZERO, LONGEST_PAUSE, 2, TimeUnit.MILLISECONDS));
    }
}
