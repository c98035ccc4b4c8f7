package io.hindsight.snack.guard;

import io.hindsight.common.BusinessException;
import io.hindsight.common.LookAlikes;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import java.text.Normalizer;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A snack name is unique across all snacks ever registered: {@code snack_registry.name_key} (unique through its
 * SHA-256, {@code name_digest}, as a key can outgrow an index entry), compared
 * Unicode-normalized, trimmed, inner whitespace collapsed and in any letter case. The key also folds look-alikes:
 * compatibility forms (a no-break space, full-width letters) are their plain characters, and invisible format
 * characters (a zero-width space) are dropped, so "Honey Butter Chip\u200b" is not a second Honey Butter Chip.
 */
@Repository
public class SnackNames {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

    private final JdbcClient jdbc;

    public SnackNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers the snack under its name with the price orders copy, or refuses with SNACK_EXISTS. Of
     * concurrent claims of one name the later ones wait for the first to commit and then are refused.
     */
    public void claimOrRefuse(SnackId snackId, String name, long price, String currency) {
        int inserted = jdbc.sql("""
                        INSERT INTO snack_registry (snack_id, name_key, name_digest, name, price, currency)
                        VALUES (:id, :key, encode(sha256(convert_to(:key, 'UTF8')), 'hex'), :name, :price, :currency)
                        ON CONFLICT (name_digest) DO NOTHING""")
                .param("id", snackId.value())
                .param("key", key(name))
                .param("name", name)
                .param("price", price)
                .param("currency", currency)
                .update();
        if (inserted == 0) {
            throw new BusinessException(SnackError.SNACK_EXISTS, "A snack named '%s' is already registered", name);
        }
    }

    /** The name as shown: normalized, trimmed, inner runs of whitespace as one space. */
    public static String clean(String name) {
        return WHITESPACE
                .matcher(LookAlikes.trimmed(Normalizer.normalize(name, Normalizer.Form.NFC)))
                .replaceAll(" ");
    }

    /** The key two names share exactly when they name the same snack. */
    public static String key(String name) {
        return LookAlikes.key(name);
    }
}
