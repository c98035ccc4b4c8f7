package io.hindsight.account.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies short-lived HS256 access tokens; verification checks signature, iss, aud and exp. A client
 * sends the same token with every request, so a verified token is remembered by its exact text for a minute
 * (parsing and the HMAC were a tenth of a request's CPU); a remembered token still expires at its exp, and
 * revocation is checked by the caller on every request.
 */
@Component
public class AccessTokens {

    private static final String ALGORITHM = "HS256";
    private static final String ROLES = "roles";
    private static final String FAMILY = "fam";
    private static final String ISSUED_AT_MILLIS = "iat_ms";
    private static final int VERIFIED_TOKENS_REMEMBERED = 20_000;

    private final JwtProperties properties;
    private final Clock clock;
    private final SecretKey key;
    private final JwtParser parser;
    private final Cache<String, VerifiedToken> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_TOKENS_REMEMBERED)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    public AccessTokens(JwtProperties properties, Clock clock) {
        if (properties.secret() == null || properties.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("hindsight.jwt.secret must be at least 32 bytes (256 bits)");
        }
        this.properties = properties;
        this.clock = clock;
        this.key = Keys.hmacShaKeyFor(properties.secret().getBytes(StandardCharsets.UTF_8));
        this.parser = Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .build();
    }

    public String issue(AccountId accountId, Set<Role> roles, String familyId, Instant now) {
        return Jwts.builder()
                .header()
                .add("alg", ALGORITHM)
                .and()
                .id(UUID.randomUUID().toString())
                .subject(accountId.value())
                .issuer(properties.issuer())
                .audience()
                .add(properties.audience())
                .and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .claim(ISSUED_AT_MILLIS, now.toEpochMilli())
                .claim(FAMILY, familyId)
                .claim(ROLES, roles.stream().map(Role::name).sorted().toList())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public long expiresInSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    /** The token's claims if it is genuine, unexpired and meant for us; empty otherwise. */
    public Optional<VerifiedToken> verify(String token) {
        VerifiedToken remembered = verified.getIfPresent(token);
        if (remembered != null) {
            return remembered.expiresAt().isAfter(clock.instant()) ? Optional.of(remembered) : Optional.empty();
        }
        Optional<VerifiedToken> parsed = parse(token);
        parsed.ifPresent(claims -> verified.put(token, claims));
        return parsed;
    }

    private Optional<VerifiedToken> parse(String token) {
        try {
            var jws = parser.parseSignedClaims(token);
            if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            return Optional.of(toVerified(jws.getPayload()));
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static VerifiedToken toVerified(Claims claims) {
        Collection<?> roleNames = claims.get(ROLES, List.class);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : roleNames) {
            roles.add(Role.valueOf(name.toString()));
        }
        Number issuedAtMillis = claims.get(ISSUED_AT_MILLIS, Number.class);
        return new VerifiedToken(
                AccountId.of(claims.getSubject()),
                Set.copyOf(roles),
                claims.getId(),
                claims.get(FAMILY, String.class),
                Instant.ofEpochMilli(issuedAtMillis.longValue()),
                claims.getExpiration().toInstant());
    }

    public record VerifiedToken(
            AccountId accountId,
            Set<Role> roles,
            String tokenId,
            String familyId,
            Instant issuedAt,
            Instant expiresAt) {}
}
