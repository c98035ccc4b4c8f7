package io.hindsight.account.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings. The secret must be at least 256 bits (32 bytes); when unset the embedded default
 * generates one into the data directory. {@code refreshLease}: how long a refresh holds its token before a retry may
 * take it over ({@link RefreshTokens}), far longer than a refresh takes.
 */
@ConfigurationProperties(prefix = "hindsight.jwt")
public record JwtProperties(
        String secret,
        String issuer,
        String audience,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration refreshLease) {

    public JwtProperties {
        issuer = issuer == null ? "hindsight" : issuer;
        audience = audience == null ? "hindsight-api" : audience;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(14) : refreshTokenTtl;
        refreshLease = refreshLease == null ? Duration.ofSeconds(5) : refreshLease;
    }
}
