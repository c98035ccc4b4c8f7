package io.hindsight.account.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server secret of the keyed hashes that the account lookup tables keep instead of emails, nicknames
 * and social ids: {@code hindsight.accounts.lookup-secret} (at least 32 characters, the same on every node),
 * else 32 random bytes generated once into {@code account_lookup_secret}. The table always holds the
 * secret's fingerprint, so a node configured with another secret than the rows were hashed with refuses to
 * start instead of letting taken emails sign up again.
 */
@Component
public class LookupSecret {

    private static final int MIN_LENGTH = 32;

    private final String configured;
    private volatile byte[] resolved;

    public LookupSecret(@Value("${hindsight.accounts.lookup-secret:}") String configured) {
        if (!configured.isBlank() && configured.length() < MIN_LENGTH) {
            throw new IllegalStateException("hindsight.accounts.lookup-secret must be at least 32 characters");
        }
        this.configured = configured;
    }

    /** The secret, checked against (or first stored in) {@code account_lookup_secret} over this connection. */
    public byte[] resolve(Connection connection) throws SQLException {
        byte[] known = resolved;
        if (known != null) {
            return known;
        }
        try (PreparedStatement create = connection.prepareStatement("""
                CREATE TABLE IF NOT EXISTS account_lookup_secret (
                    id           smallint     PRIMARY KEY CHECK (id = 1),
                    secret       bytea,
                    fingerprint  varchar(64)  NOT NULL
                )""")) {
            create.execute();
        }
        byte[] candidate;
        if (configured.isBlank()) {
            candidate = new byte[32];
            new SecureRandom().nextBytes(candidate);
        } else {
            candidate = configured.getBytes(StandardCharsets.UTF_8);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account_lookup_secret (id, secret, fingerprint) VALUES (1, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setBytes(1, configured.isBlank() ? candidate : null);
            insert.setString(2, fingerprint(candidate));
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT secret, fingerprint FROM account_lookup_secret WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            row.next();
            byte[] secret = configured.isBlank() ? row.getBytes(1) : candidate;
            if (secret == null) {
                throw new IllegalStateException(
                        "The account lookup tables were hashed with a configured hindsight.accounts.lookup-secret;"
                                + " configure the same secret on this node");
            }
            if (!fingerprint(secret).equals(row.getString(2))) {
                throw new IllegalStateException("hindsight.accounts.lookup-secret is not the secret the account"
                        + " lookup tables were hashed with; configure the same secret on every node");
            }
            resolved = secret;
            return secret;
        }
    }

    private static String fingerprint(byte[] secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("hindsight account lookup secret".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
