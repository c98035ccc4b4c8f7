package io.hindsight.audit;

import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.query.QueryRole;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A test-only projection with a bug that can be switched off: it fails on names carrying a poison
 * marker until the test heals that marker, as a fixed deployment would. A name with {@code REFUSED-} is refused by the
 * table's check, and one with {@code UNREADABLE-} by PostgreSQL reading it as a number: database failures that quote
 * the values they met.
 */
@QueryRole
@Component
@ProcessingGroup(PoisonProbeProjection.NAME)
public class PoisonProbeProjection extends TableProjection {

    public static final String NAME = "poison-probe";
    private static final Pattern MARKER = Pattern.compile("POISON-(\\w+)");
    private static final Set<String> HEALED = ConcurrentHashMap.newKeySet();

    private final JdbcClient jdbc;

    public PoisonProbeProjection(JdbcClient jdbc, ReadModelTables tables) {
        super(NAME, tables, "poison_probe");
        this.jdbc = jdbc;
    }

    public static void heal(String marker) {
        HEALED.add(marker);
    }

    @EventHandler
    void on(AccountSignedUp event, DomainEventMessage<?> message) {
        write(message, event.profile().name());
    }

    @EventHandler
    void on(ProfileChanged event, DomainEventMessage<?> message) {
        if (event.changes().name() != null) {
            write(message, event.changes().name());
        }
    }

    private void write(DomainEventMessage<?> message, String name) {
        Matcher marker = MARKER.matcher(name);
        if (marker.find() && !HEALED.contains(marker.group(1))) {
            throw new IllegalStateException("Cannot project a poisoned name: " + name);
        }
        if (name.contains("UNREADABLE-")) {
            // PostgreSQL quotes the value it cannot read in its message
            jdbc.sql("SELECT CAST(:name AS integer)")
                    .param("name", name)
                    .query(Integer.class)
                    .single();
        }
        jdbc.sql("""
                        INSERT INTO poison_probe (aggregate_id, name, last_sequence) VALUES (:id, :name, :seq)
                        ON CONFLICT (aggregate_id) DO UPDATE SET name = excluded.name, last_sequence = excluded.last_sequence
                        WHERE poison_probe.last_sequence < excluded.last_sequence""")
                .param("id", message.getAggregateIdentifier())
                .param("name", name)
                .param("seq", message.getSequenceNumber())
                .update();
    }
}
