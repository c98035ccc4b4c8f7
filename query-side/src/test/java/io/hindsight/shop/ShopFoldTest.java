package io.hindsight.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.shop.api.CartCheckedOut;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.CartItemAdded;
import io.hindsight.shop.api.CartItemReduced;
import io.hindsight.shop.api.CartItemRemoved;
import io.hindsight.shop.api.CartOpened;
import io.hindsight.shop.api.ProductCreated;
import io.hindsight.shop.api.ProductDeactivated;
import io.hindsight.shop.api.ProductDetailsChanged;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ProductPriceChanged;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ReceiptIssued;
import io.hindsight.shop.api.ReceiptLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopFoldTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final AccountId OWNER = AccountId.of("7d1e0c52-0000-4000-8000-00000000000a");
    private static final CartId CART = CartId.of(OWNER, 3);
    private static final ProductId TEA = ProductId.of("5b3c1f9e-0000-4000-8000-000000000001");
    private static final ProductId CAKE = ProductId.of("5b3c1f9e-0000-4000-8000-000000000002");
    private static final ReceiptId RECEIPT = ReceiptId.of("9a0e0c52-0000-4000-8000-000000000001");

    private long sequence;

    private <V> V apply(io.hindsight.projection.Fold<V> fold, V view, String id, Object payload, Instant at) {
        return fold.apply(view, new RecordedEvent(id, "any", sequence++, at, "actor", "correlation", payload));
    }

    @Test
    void aProductFollowsItsChangesAndKeepsItsCreationTime() {
        ProductFold fold = new ProductFold();
        ProductView view = apply(
                fold, null, TEA.value(), new ProductCreated(TEA, "Tea", "Green", 3000, "KRW", "https://i/t.png"), T0);
        view = apply(fold, view, TEA.value(), new ProductDetailsChanged(TEA, "Black tea", "", null), T0.plusSeconds(1));
        view = apply(fold, view, TEA.value(), new ProductPriceChanged(TEA, 3500, 3000), T0.plusSeconds(2));
        view = apply(fold, view, TEA.value(), new ProductDeactivated(TEA), T0.plusSeconds(3));

        assertThat(view)
                .isEqualTo(new ProductView(
                        TEA.value(), "Black tea", null, 3500, "KRW", "https://i/t.png", false, T0, T0.plusSeconds(3)));
    }

    @Test
    void aCartKeepsOneLinePerProductInTheOrderTheyWereFirstAdded() {
        CartFold fold = new CartFold();
        CartView view = apply(fold, null, CART.value(), new CartOpened(CART, OWNER, 3), T0);
        view = apply(fold, view, CART.value(), new CartItemAdded(CART, TEA, 1), T0);
        view = apply(fold, view, CART.value(), new CartItemAdded(CART, CAKE, 2), T0.plusSeconds(1));
        view = apply(fold, view, CART.value(), new CartItemAdded(CART, TEA, 4), T0.plusSeconds(2));

        assertThat(view.lines()).containsExactly(new CartView.Line(TEA.value(), 5), new CartView.Line(CAKE.value(), 2));
        assertThat(view.number()).isEqualTo(3);
        assertThat(view.open()).isTrue();
        assertThat(view.openedAt()).isEqualTo(T0);

        view = apply(fold, view, CART.value(), new CartItemReduced(CART, TEA, 2), T0.plusSeconds(3));
        view = apply(fold, view, CART.value(), new CartItemRemoved(CART, CAKE), T0.plusSeconds(4));
        assertThat(view.lines()).containsExactly(new CartView.Line(TEA.value(), 2));
    }

    @Test
    void aCheckedOutCartPointsToItsReceipt() {
        CartFold fold = new CartFold();
        CartView view = apply(fold, null, CART.value(), new CartOpened(CART, OWNER, 3), T0);
        view = apply(fold, view, CART.value(), new CartItemAdded(CART, TEA, 2), T0);
        view = apply(
                fold,
                view,
                CART.value(),
                new CartCheckedOut(CART, OWNER, RECEIPT, "order-1", 6000, "KRW"),
                T0.plusSeconds(5));

        assertThat(view.status()).isEqualTo(CartView.Status.CHECKED_OUT);
        assertThat(view.checkedOutAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(view.receiptId()).isEqualTo(RECEIPT.value());
        assertThat(view.orderNumber()).isEqualTo("order-1");
        assertThat(view.paidTotal()).isEqualTo(6000);
        assertThat(view.lines()).containsExactly(new CartView.Line(TEA.value(), 2));
    }

    @Test
    void aReceiptIsTheIssuedEventWithItsTime() {
        List<ReceiptLine> lines =
                List.of(new ReceiptLine(TEA, "Tea", 3000, 2, 6000), new ReceiptLine(CAKE, "Cake", 5500, 1, 5500));
        ReceiptView view = apply(
                new ReceiptFold(),
                null,
                RECEIPT.value(),
                new ReceiptIssued(RECEIPT, OWNER, CART, "order-1", lines, 11500, "KRW"),
                T0);

        assertThat(view)
                .isEqualTo(new ReceiptView(
                        RECEIPT.value(), OWNER.value(), CART.value(), "order-1", T0, lines, 11500, "KRW", 3));
    }
}
