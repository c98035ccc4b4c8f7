package io.hindsight.shop;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.shop.api.CartCheckedOut;
import io.hindsight.shop.api.CartItemAdded;
import io.hindsight.shop.api.CartItemReduced;
import io.hindsight.shop.api.CartItemRemoved;
import io.hindsight.shop.api.CartOpened;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The cart view as a fold of the cart's events. */
public final class CartFold implements Fold<CartView> {

    @Override
    public CartView apply(CartView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof CartOpened opened) {
            return new CartView(
                    opened.cartId().value(),
                    opened.accountId().value(),
                    opened.number(),
                    CartView.Status.OPEN,
                    List.of(),
                    event.timestamp(),
                    null,
                    null,
                    null,
                    null);
        }
        if (payload instanceof CartItemAdded added) {
            String productId = added.productId().value();
            boolean present =
                    view.lines().stream().anyMatch(line -> line.productId().equals(productId));
            List<CartView.Line> lines = present
                    ? replace(
                            view.lines(),
                            productId,
                            line -> new CartView.Line(productId, line.quantity() + added.quantity()))
                    : append(view.lines(), new CartView.Line(productId, added.quantity()));
            return withLines(view, lines);
        }
        if (payload instanceof CartItemReduced reduced) {
            String productId = reduced.productId().value();
            return withLines(
                    view, replace(view.lines(), productId, line -> new CartView.Line(productId, reduced.quantity())));
        }
        if (payload instanceof CartItemRemoved removed) {
            String productId = removed.productId().value();
            return withLines(
                    view,
                    view.lines().stream()
                            .filter(line -> !line.productId().equals(productId))
                            .toList());
        }
        if (payload instanceof CartCheckedOut checkedOut) {
            return new CartView(
                    view.cartId(),
                    view.accountId(),
                    view.number(),
                    CartView.Status.CHECKED_OUT,
                    view.lines(),
                    view.openedAt(),
                    event.timestamp(),
                    checkedOut.receiptId().value(),
                    checkedOut.orderNumber(),
                    checkedOut.total());
        }
        return view;
    }

    private static CartView withLines(CartView view, List<CartView.Line> lines) {
        return new CartView(
                view.cartId(),
                view.accountId(),
                view.number(),
                view.status(),
                lines,
                view.openedAt(),
                view.checkedOutAt(),
                view.receiptId(),
                view.orderNumber(),
                view.paidTotal());
    }

    private static List<CartView.Line> replace(
            List<CartView.Line> lines, String productId, UnaryOperator<CartView.Line> change) {
        return lines.stream()
                .map(line -> line.productId().equals(productId) ? change.apply(line) : line)
                .toList();
    }

    private static List<CartView.Line> append(List<CartView.Line> lines, CartView.Line line) {
        List<CartView.Line> appended = new ArrayList<>(lines);
        appended.add(line);
        return appended;
    }
}
