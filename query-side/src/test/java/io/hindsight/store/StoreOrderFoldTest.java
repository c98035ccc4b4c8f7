package io.hindsight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.store.api.Delivery;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.PaymentCancelled;
import io.hindsight.store.api.PaymentRefused;
import io.hindsight.store.api.ProviderPaymentStatus;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderAccepted;
import io.hindsight.store.api.StoreOrderCreated;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderLine;
import io.hindsight.store.api.StoreOrderPlaced;
import io.hindsight.store.api.StoreOrderRefused;
import io.hindsight.store.api.StoreOrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreOrderFoldTest {

    private final StoreOrderFold fold = new StoreOrderFold();
    private final StoreOrderId orderId = StoreOrderId.newId();
    private final StoreId storeId = StoreId.newId();
    private final AccountId customer = AccountId.of("customer-1");
    private final Instant t0 = Instant.parse("2026-05-01T09:00:00Z");
    private final List<StoreOrderLine> lines = List.of(new StoreOrderLine(MenuId.newId(), "Latte", 4_500, 2));
    private long sequence;

    private RecordedEvent event(Object payload, long secondsLater, String actor) {
        return new RecordedEvent(
                orderId.value(), "StoreOrder", sequence++, t0.plusSeconds(secondsLater), actor, "c-1", payload);
    }

    private StoreOrderView created() {
        return fold.apply(
                null,
                event(
                        new StoreOrderCreated(
                                orderId,
                                StoreOrderKind.ORDER,
                                storeId,
                                AccountId.of("merchant-1"),
                                customer,
                                lines,
                                new Delivery("Home", "Ring twice"),
                                9_000,
                                1_000,
                                8_000,
                                t0.plusSeconds(900),
                                null,
                                null),
                        0,
                        customer.value()));
    }

    @Test
    void canFoldAnOrderFromCreationToAcceptance() {
        StoreOrderView view = created();
        view = fold.apply(
                view,
                event(
                        new StoreOrderPlaced(
                                orderId,
                                storeId,
                                customer,
                                StoreOrderKind.ORDER,
                                lines,
                                new Delivery("Home", "Ring twice"),
                                8_000,
                                1_000,
                                "imp_1",
                                8_000),
                        5,
                        "payment-provider"));
        view = fold.apply(view, event(new StoreOrderAccepted(orderId, storeId, customer), 60, "merchant-1"));

        assertThat(view.status()).isEqualTo(StoreOrderStatus.ACCEPTED);
        assertThat(view.items()).extracting(StoreOrderView.Line::lineTotal).containsExactly(9_000L);
        assertThat(view.paymentId()).isEqualTo("imp_1");
        assertThat(view.amountPaid()).isEqualTo(8_000);
        assertThat(view.payments()).extracting(StoreOrderView.Payment::outcome).containsExactly("PLACED");
        assertThat(view.statusHistory())
                .extracting(StoreOrderView.StatusEntry::status, StoreOrderView.StatusEntry::actorId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StoreOrderStatus.AWAITING_PAYMENT, "customer-1"),
                        org.assertj.core.groups.Tuple.tuple(StoreOrderStatus.PLACED, "payment-provider"),
                        org.assertj.core.groups.Tuple.tuple(StoreOrderStatus.ACCEPTED, "merchant-1"));
        assertThat(view.updatedAt()).isEqualTo(t0.plusSeconds(60));
    }

    @Test
    void canFoldARefusedPaymentAndItsCancellation() {
        StoreOrderView view = created();
        view = fold.apply(
                view,
                event(
                        new PaymentRefused(
                                orderId, storeId, customer, "imp_2", ProviderPaymentStatus.PAID, 10, "short", true),
                        5,
                        "payment-provider"));
        view = fold.apply(
                view, event(new StoreOrderRefused(orderId, storeId, customer, "short"), 5, "payment-provider"));
        view = fold.apply(view, event(new PaymentCancelled(orderId, storeId, customer, "imp_2", 10), 7, "system"));

        assertThat(view.status()).isEqualTo(StoreOrderStatus.REFUSED);
        assertThat(view.reason()).isEqualTo("short");
        assertThat(view.paymentId()).isNull();
        assertThat(view.payments())
                .extracting(StoreOrderView.Payment::outcome)
                .containsExactly("REFUSED_TO_CANCEL", "CANCELLED");
    }

    @Test
    void canTellWhichStreamsAnEventReaches() {
        StoreOrderPlaced placed = new StoreOrderPlaced(
                orderId, storeId, customer, StoreOrderKind.ORDER, lines, null, 9_000, 0, "imp_3", 9_000);
        assertThat(StoreMessages.of(placed, 42, t0))
                .extracting(StoreMessage::stream, StoreMessage::type, StoreMessage::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("store:" + storeId, "ORDER_PLACED", 42L),
                        org.assertj.core.groups.Tuple.tuple("user:" + customer, "ORDER_WAITING", 42L));
        assertThat(StoreMessages.of(new StoreOrderAccepted(orderId, storeId, customer), 43, t0))
                .extracting(StoreMessage::stream, StoreMessage::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("user:" + customer, "ORDER_ACCEPTED"));
        assertThat(StoreMessages.of(
                        new PaymentRefused(orderId, storeId, customer, "x", ProviderPaymentStatus.PAID, 1, "r", true),
                        44,
                        t0))
                .isEmpty();
    }
}
