package io.hindsight.snack;

import static io.hindsight.snack.api.SnackOrderStatus.APPROVED;
import static io.hindsight.snack.api.SnackOrderStatus.COMPLETED;
import static io.hindsight.snack.api.SnackOrderStatus.CREATED;
import static io.hindsight.snack.api.SnackOrderStatus.ORDERED;
import static io.hindsight.snack.api.SnackOrderStatus.SHIPPING;
import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderApproved;
import io.hindsight.snack.api.SnackOrderCompleted;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderItemsRevised;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderPurchased;
import io.hindsight.snack.api.SnackOrderShipped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnackOrderFoldTest {

    private static final SnackOrderId ID = SnackOrderId.of("5e1f0000-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final SnackOrderLine CHIPS = new SnackOrderLine(SnackId.of("c1"), "Chips", 2, 1500, "KRW");
    private static final SnackOrderLine GUMMY = new SnackOrderLine(SnackId.of("c2"), "Gummy", 3, 250, "USD");

    private final SnackOrderFold fold = new SnackOrderFold();
    private long sequence;

    private SnackOrderView apply(SnackOrderView view, Object payload, Instant at, String actor) {
        return fold.apply(view, new RecordedEvent(ID.value(), "SnackOrder", sequence++, at, actor, "c", payload));
    }

    @Test
    void creationStartsTheHistoryAndSumsAmountsPerCurrency() {
        SnackOrderView view =
                apply(null, new SnackOrderCreated(ID, AccountId.of("m1"), List.of(CHIPS, GUMMY)), T0, "m1");

        assertThat(view.status()).isEqualTo(CREATED);
        assertThat(view.requesterId()).isEqualTo("m1");
        assertThat(view.snackQuantity()).isEqualTo(5);
        assertThat(view.amounts()).isEqualTo(Map.of("KRW", 3000L, "USD", 750L));
        assertThat(view.items()).extracting(SnackOrderView.Item::lineTotal).containsExactly(3000L, 750L);
        assertThat(view.statusHistory()).containsExactly(new SnackOrderView.StatusEntry(CREATED, T0, "m1", null));
    }

    @Test
    void everyMoveIsRecordedWithItsActorTimeAndArrival() {
        LocalDate arrival = LocalDate.of(2026, 3, 10);
        LocalDate later = LocalDate.of(2026, 3, 12);
        SnackOrderView view = apply(null, new SnackOrderCreated(ID, AccountId.of("m1"), List.of(CHIPS)), T0, "m1");
        view = apply(view, new SnackOrderItemsRevised(ID, List.of(GUMMY)), T0.plusSeconds(5), "m1");
        view = apply(view, new SnackOrderApproved(ID), T0.plusSeconds(10), "admin");
        view = apply(view, new SnackOrderPurchased(ID, arrival), T0.plusSeconds(20), "admin");
        view = apply(view, new SnackOrderShipped(ID, later), T0.plusSeconds(30), "admin-2");
        view = apply(view, new SnackOrderCompleted(ID), T0.plusSeconds(40), "admin");

        assertThat(view.status()).isEqualTo(COMPLETED);
        assertThat(view.items()).extracting(SnackOrderView.Item::name).containsExactly("Gummy");
        assertThat(view.amounts()).isEqualTo(Map.of("USD", 750L));
        assertThat(view.estimatedArrival()).isEqualTo(later);
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(view.statusHistory())
                .containsExactly(
                        new SnackOrderView.StatusEntry(CREATED, T0, "m1", null),
                        new SnackOrderView.StatusEntry(APPROVED, T0.plusSeconds(10), "admin", null),
                        new SnackOrderView.StatusEntry(ORDERED, T0.plusSeconds(20), "admin", arrival),
                        new SnackOrderView.StatusEntry(SHIPPING, T0.plusSeconds(30), "admin-2", later),
                        new SnackOrderView.StatusEntry(COMPLETED, T0.plusSeconds(40), "admin", null));
    }
}
