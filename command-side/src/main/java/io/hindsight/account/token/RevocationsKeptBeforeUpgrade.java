package io.hindsight.account.token;

import io.hindsight.command.CommandRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The release of 2026-12-01 revoked a logged-out family in Redis alone ({@code hs:auth:family-revoked:<id>}, for
 * as long as its tokens could be presented). This one keeps revocations in PostgreSQL and reads them back when
 * Redis has lost them, but found none of those: a session logged out before the upgrade came back to life when
 * Redis was then flushed or restarted empty. At start, before the node serves, the revocations Redis still holds
 * are copied into PostgreSQL; once none older than the upgrade can be left, this copy has nothing to do.
 */
@CommandRole
@Component
class RevocationsKeptBeforeUpgrade implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RevocationsKeptBeforeUpgrade.class);
    private static final String PREFIX = TokenRevocations.FAMILY_KEY_PREFIX;

    private final StringRedisTemplate redis;
    private final RevokedFamilies revokedFamilies;
    private final Duration remembered;

    RevocationsKeptBeforeUpgrade(StringRedisTemplate redis, RevokedFamilies revokedFamilies, JwtProperties properties) {
        this.redis = redis;
        this.revokedFamilies = revokedFamilies;
        this.remembered = properties.refreshTokenTtl().plus(properties.accessTokenTtl());
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            int copied = 0;
            for (String key : revokedInRedis()) {
                if (!TokenRevocations.FAMILY_REVOKED.equals(redis.opsForValue().get(key))) {
                    continue; // "0" is this release's brief note of a valid family
                }
                Long millisLeft = redis.getExpire(key, TimeUnit.MILLISECONDS);
                Instant keptUntil = millisLeft == null || millisLeft < 0
                        ? Instant.now().plus(remembered)
                        : Instant.now().plusMillis(millisLeft);
                if (revokedFamilies.addRevokedBeforeUpgrade(key.substring(PREFIX.length()), keptUntil)) {
                    copied++;
                }
            }
            if (copied > 0) {
                log.info("Copied {} token revocations an older release kept in Redis alone into PostgreSQL", copied);
            }
        } catch (RuntimeException e) {
            log.warn("Could not copy the token revocations kept in Redis into PostgreSQL: {}", e.toString());
        }
    }

    private List<String> revokedInRedis() {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(
                ScanOptions.scanOptions().match(PREFIX + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }
}
