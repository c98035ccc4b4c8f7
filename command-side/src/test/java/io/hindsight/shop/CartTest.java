package io.hindsight.shop;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasToString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.AddCartItem;
import io.hindsight.shop.api.CartCheckedOut;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.CartItemAdded;
import io.hindsight.shop.api.CartItemReduced;
import io.hindsight.shop.api.CartItemRemoved;
import io.hindsight.shop.api.CartOpened;
import io.hindsight.shop.api.CheckOutCart;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ReceiptIssued;
import io.hindsight.shop.api.ReceiptLine;
import io.hindsight.shop.api.ReduceCartItem;
import io.hindsight.shop.api.RemoveCartItem;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.api.ShopRules;
import io.hindsight.shop.guard.OpenCarts;
import io.hindsight.shop.guard.ProductCatalog;
import io.hindsight.shop.guard.ProductCatalog.CatalogEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartTest {

    private final AccountId owner = AccountId.of("7d1e0c52-0000-4000-8000-00000000000a");
    private final AccountId stranger = AccountId.of("7d1e0c52-0000-4000-8000-00000000000b");
    private final CartId cartId = CartId.of(owner, 1);
    private final ProductId tea = ProductId.of("5b3c1f9e-0000-4000-8000-000000000001");
    private final ProductId cake = ProductId.of("5b3c1f9e-0000-4000-8000-000000000002");
    private final ReceiptId receiptId = ReceiptId.of("9a0e0c52-0000-4000-8000-000000000001");
    private final CartOpened opened = new CartOpened(cartId, owner, 1);

    private AggregateTestFixture<Cart> fixture;
    private ProductCatalog catalog;
    private OpenCarts openCarts;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cart.class);
        catalog = mock(ProductCatalog.class);
        openCarts = mock(OpenCarts.class);
        when(catalog.onSaleOrRefuse(any())).thenCallRealMethod();
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(openCarts);
        sells(new CatalogEntry(tea, "Tea", 3000, true), new CatalogEntry(cake, "Cake", 5500, true));
    }

    private void sells(CatalogEntry... entries) {
        for (CatalogEntry entry : entries) {
            when(catalog.find(entry.productId())).thenReturn(Optional.of(entry));
        }
        when(catalog.findAll(anyCollection()))
                .thenReturn(
                        Arrays.stream(entries).collect(Collectors.toMap(CatalogEntry::productId, Function.identity())));
    }

    private static void expectRefused(ResultValidator<Cart> result, ShopError code) {
        result.expectException(codeIs(code)).expectNoEvents();
    }

    private static Matcher<Throwable> codeIs(ShopError code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof BusinessException business && business.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BusinessException with code " + code);
            }
        };
    }

    @Test
    void theFirstAddOpensTheCartAndClaimsIt() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(cartId, owner, tea, 2))
                .expectEvents(opened, new CartItemAdded(cartId, tea, 2));
        verify(openCarts).claimOrRefuse(cartId);
    }

    @Test
    void cannotOpenASecondCartWhileOneIsOpen() {
        doThrow(new BusinessException(ShopError.CART_ALREADY_OPEN, "open"))
                .when(openCarts)
                .claimOrRefuse(cartId);
        expectRefused(
                fixture.givenNoPriorActivity().when(new AddCartItem(cartId, owner, tea, 1)),
                ShopError.CART_ALREADY_OPEN);
    }

    @Test
    void cannotOpenACartUnderSomeoneElsesId() {
        expectRefused(
                fixture.givenNoPriorActivity().when(new AddCartItem(cartId, stranger, tea, 1)),
                ShopError.CART_NOT_FOUND);
        verify(openCarts, never()).claimOrRefuse(any());
    }

    @Test
    void addingAgainRaisesTheQuantity() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 2))
                .when(new AddCartItem(cartId, owner, tea, 3))
                .expectEvents(new CartItemAdded(cartId, tea, 3))
                .expectResultMessagePayloadMatching(hasToString(containsString(tea + "=5")));
        verify(openCarts, never()).claimOrRefuse(any());
    }

    @Test
    void cannotAddAnUnknownProduct() {
        ProductId unknown = ProductId.of(UUID.randomUUID().toString());
        when(catalog.find(unknown)).thenReturn(Optional.empty());
        expectRefused(
                fixture.given(opened).when(new AddCartItem(cartId, owner, unknown, 1)), ShopError.PRODUCT_NOT_FOUND);
    }

    @Test
    void cannotAddAProductThatIsNoLongerSold() {
        sells(new CatalogEntry(tea, "Tea", 3000, false));
        expectRefused(
                fixture.givenNoPriorActivity().when(new AddCartItem(cartId, owner, tea, 1)),
                ShopError.PRODUCT_INACTIVE);
        verify(openCarts, never()).claimOrRefuse(any());
    }

    @Test
    void cannotAddANonPositiveOrHugeQuantity() {
        expectRefused(fixture.given(opened).when(new AddCartItem(cartId, owner, tea, 0)), ShopError.INVALID_QUANTITY);
        expectRefused(fixture.given(opened).when(new AddCartItem(cartId, owner, tea, -3)), ShopError.INVALID_QUANTITY);
        expectRefused(
                fixture.given(opened).when(new AddCartItem(cartId, owner, tea, ShopRules.MAX_LINE_QUANTITY + 1)),
                ShopError.INVALID_QUANTITY);
    }

    @Test
    void cannotGrowALineBeyondTheLimit() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, ShopRules.MAX_LINE_QUANTITY - 1))
                        .when(new AddCartItem(cartId, owner, tea, 2)),
                ShopError.QUANTITY_LIMIT_EXCEEDED);
    }

    @Test
    void cannotHoldMoreThanTheMaximumNumberOfProducts() {
        List<Object> given = new ArrayList<>();
        given.add(opened);
        for (int i = 0; i < ShopRules.MAX_CART_LINES; i++) {
            given.add(new CartItemAdded(cartId, ProductId.of(UUID.randomUUID().toString()), 1));
        }
        expectRefused(fixture.given(given).when(new AddCartItem(cartId, owner, tea, 1)), ShopError.CART_FULL);
    }

    @Test
    void cannotAddToACheckedOutCart() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1), checkedOut(3000))
                        .when(new AddCartItem(cartId, owner, tea, 1)),
                ShopError.CART_CHECKED_OUT);
    }

    @Test
    void cannotChangeSomeoneElsesCart() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1))
                        .when(new AddCartItem(cartId, stranger, tea, 1)),
                ShopError.CART_NOT_FOUND);
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1))
                        .when(new RemoveCartItem(cartId, stranger, tea)),
                ShopError.CART_NOT_FOUND);
    }

    @Test
    void canLowerAQuantity() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 5))
                .when(new ReduceCartItem(cartId, owner, tea, 2))
                .expectEvents(new CartItemReduced(cartId, tea, 2));
    }

    @Test
    void loweringToZeroRemovesTheProduct() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 5))
                .when(new ReduceCartItem(cartId, owner, tea, 0))
                .expectEvents(new CartItemRemoved(cartId, tea));
    }

    @Test
    void cannotRaiseAQuantityByADecrease() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 2))
                        .when(new ReduceCartItem(cartId, owner, tea, 3)),
                ShopError.QUANTITY_NOT_LOWER);
    }

    @Test
    void settingTheCurrentQuantityChangesNothing() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 2))
                .when(new ReduceCartItem(cartId, owner, tea, 2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotLowerAProductThatIsNotInTheCart() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 2))
                        .when(new ReduceCartItem(cartId, owner, cake, 1)),
                ShopError.ITEM_NOT_IN_CART);
    }

    @Test
    void canRemoveAProductWhateverItsQuantity() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 7))
                .when(new RemoveCartItem(cartId, owner, tea))
                .expectEvents(new CartItemRemoved(cartId, tea));
    }

    @Test
    void removingAProductThatIsNotThereChangesNothing() {
        fixture.given(opened, new CartItemAdded(cartId, tea, 1))
                .when(new RemoveCartItem(cartId, owner, cake))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void checkoutClosesTheCartAndIssuesAReceiptAtTodaysPrices() {
        sells(new CatalogEntry(tea, "Tea", 3200, true), new CatalogEntry(cake, "Cake", 5500, true));
        long total = 2 * 3200 + 5500;
        fixture.given(opened, new CartItemAdded(cartId, tea, 2), new CartItemAdded(cartId, cake, 1))
                .when(new CheckOutCart(cartId, owner, receiptId, "order-1"))
                .expectEvents(
                        new CartCheckedOut(cartId, owner, receiptId, "order-1", total, "KRW"),
                        new ReceiptIssued(
                                receiptId,
                                owner,
                                cartId,
                                "order-1",
                                List.of(
                                        new ReceiptLine(tea, "Tea", 3200, 2, 6400),
                                        new ReceiptLine(cake, "Cake", 5500, 1, 5500)),
                                total,
                                "KRW"))
                .expectResultMessagePayload(new CheckoutResult(receiptId, "order-1", cartId, total));
        verify(openCarts).close(cartId);
    }

    @Test
    void cannotCheckOutAnEmptyCart() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1), new CartItemRemoved(cartId, tea))
                        .when(new CheckOutCart(cartId, owner, receiptId, "order-1")),
                ShopError.CART_EMPTY);
        verify(openCarts, never()).close(any());
    }

    @Test
    void cannotCheckOutTwice() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1), checkedOut(3000))
                        .when(new CheckOutCart(cartId, owner, ReceiptId.newId(), "order-2")),
                ShopError.CART_CHECKED_OUT);
    }

    @Test
    void cannotCheckOutSomeoneElsesCart() {
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1))
                        .when(new CheckOutCart(cartId, stranger, receiptId, "order-1")),
                ShopError.CART_NOT_FOUND);
    }

    @Test
    void cannotCheckOutAProductThatIsNoLongerSold() {
        sells(new CatalogEntry(tea, "Tea", 3000, false));
        expectRefused(
                fixture.given(opened, new CartItemAdded(cartId, tea, 1))
                        .when(new CheckOutCart(cartId, owner, receiptId, "order-1")),
                ShopError.PRODUCT_INACTIVE);
        verify(openCarts, never()).close(any());
    }

    private CartCheckedOut checkedOut(long total) {
        return new CartCheckedOut(cartId, owner, receiptId, "order-1", total, "KRW");
    }
}
