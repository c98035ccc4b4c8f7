package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.common.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An account's events written straight to the event store, as a long life would have left them: thousands of
 * changes through the API would take far longer than the tests that read them.
 */
public final class SeededAccountEvents {

    private static final int BATCH = 1000;

    private final EventStorageEngine storage;
    private final TransactionManager transactions;
    private final JdbcClient jdbc;

    public SeededAccountEvents(EventStorageEngine storage, TransactionManager transactions, JdbcClient jdbc) {
        this.storage = storage;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** One event of the seeded history: what it says, who did it, when it was recorded. */
    public record Seeded(Object payload, String actorId, Instant recordedAt) {}

    /** The account's events from sequence {@code 1} on, in batches; waits until the accounts view has folded them. */
    public void append(String accountId, List<Seeded> seeded) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < seeded.size(); i++) {
            Seeded event = seeded.get(i);
            events.add(new GenericDomainEventMessage<>(
                    "Account",
                    accountId,
                    i + 1,
                    event.payload(),
                    Map.of(MetadataKeys.ACTOR_ID, event.actorId()),
                    UUID.randomUUID().toString(),
                    event.recordedAt()));
            if (events.size() == BATCH || i == seeded.size() - 1) {
                List<EventMessage<?>> batch = List.copyOf(events);
                transactions.executeInTransaction(() -> storage.appendEvents(batch));
                events.clear();
            }
        }
        awaitFolded(accountId, seeded.size());
    }

    /**
     * The member renamed to {@code name} by themself, effective and recorded at {@code at}: after sign-up, as the one
     * change a node whose clock runs ahead leaves, dated after what this node's clock says.
     */
    public void renamedAt(String accountId, String name, Instant at) {
        append(
                accountId,
                List.of(new Seeded(
                        new ProfileChanged(AccountId.of(accountId), new ProfileFields(name, null, null), at),
                        accountId,
                        at)));
    }

    public void awaitFolded(String accountId, long sequence) {
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> jdbc.sql(
                                        "SELECT coalesce(max(last_sequence), -1) FROM account_view WHERE aggregate_id = :id")
                                .param("id", accountId)
                                .query(Long.class)
                                .single(),
                        stored -> stored >= sequence);
    }
}
