package io.hindsight.account.guard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 of a normalized email, nickname or social id with the {@link LookupSecret}: what the lookup
 * tables keep, so they still find and refuse taken values (an erased account's email too) without holding a
 * readable copy, and a stolen table without the secret does not reveal them by guessing.
 */
@Component
public class LookupHashes {

    private static final String ALGORITHM = "HmacSHA256";

    private final LookupSecret secret;
    private final DataSource dataSource;
    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    public LookupHashes(LookupSecret secret, DataSource dataSource) {
        this.secret = secret;
        this.dataSource = dataSource;
    }

    /**
     * Checks the secret against the one the rows were hashed with as the node starts: a node with another secret
     * refuses to start, where it had started healthy and answered every log-in and sign-up with a 500.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void checkSecretAtStart() {
        key();
    }

    /** The keyed hash of a value already normalized; null for null. */
    public String of(String normalized) {
        if (normalized == null) {
            return null;
        }
        try {
            Mac mac = macs.get();
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(key());
                macs.set(mac);
            }
            return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash a lookup value", e);
        }
    }

    /** The keyed hash with a secret given, for the migration that hashes the rows kept before. */
    static String of(byte[] secret, String normalized) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash a lookup value", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = new SecretKeySpec(secret.resolve(connection), ALGORITHM);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read the account lookup secret", e);
            }
            key = known;
        }
        return known;
    }
}
