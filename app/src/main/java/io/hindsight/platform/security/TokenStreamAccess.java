package io.hindsight.platform.security;

import io.hindsight.account.token.AccessTokens.VerifiedToken;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.query.StreamAccess;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A stream lasts as long as the access token that opened it: until the token expires or is revoked. A check that
 * cannot be made (Redis down) ends the stream, as it would refuse the request; the client reconnects with
 * Last-Event-ID and a token that still counts.
 */
@Component
public class TokenStreamAccess implements StreamAccess {

    private static final Logger log = LoggerFactory.getLogger(TokenStreamAccess.class);

    private final TokenRevocations revocations;
    private final Clock clock;

    public TokenStreamAccess(TokenRevocations revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public BooleanSupplier ofCurrentCaller() {
        if (!(verifiedToken() instanceof VerifiedToken token)) {
            return () -> true;
        }
        return () -> {
            if (!clock.instant().isBefore(token.expiresAt())) {
                return false;
            }
            try {
                return !revocations.isRevoked(token.accountId(), token.familyId(), token.issuedAt());
            } catch (RuntimeException unavailable) {
                log.warn("A live stream's token could not be checked; the stream ends: {}", unavailable.toString());
                return false;
            }
        };
    }

    @Override
    public String currentCaller() {
        return verifiedToken() instanceof VerifiedToken token
                ? token.accountId().value()
                : "anonymous";
    }

    private static Object verifiedToken() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null
                ? null
                : request.getAttribute(
                        JwtAuthenticationFilter.VERIFIED_TOKEN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }
}
