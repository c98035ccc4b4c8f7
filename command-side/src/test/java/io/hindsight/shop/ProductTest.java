package io.hindsight.shop;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.ChangeProduct;
import io.hindsight.shop.api.CreateProduct;
import io.hindsight.shop.api.ProductCreated;
import io.hindsight.shop.api.ProductDeactivated;
import io.hindsight.shop.api.ProductDetailsChanged;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ProductPriceChanged;
import io.hindsight.shop.api.ProductReactivated;
import io.hindsight.shop.guard.ProductCatalog;
import io.hindsight.shop.guard.ProductCatalog.CatalogEntry;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private final ProductId id = ProductId.of("5b3c1f9e-0000-4000-8000-000000000001");
    private final ProductCreated created = new ProductCreated(id, "Tea", "Green tea", 3000, "KRW", null);
    private AggregateTestFixture<Product> fixture;
    private ProductCatalog catalog;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        catalog = mock(ProductCatalog.class);
        fixture.registerInjectableResource(catalog);
    }

    @Test
    void canCreateAProductAndItEntersTheCatalog() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(id, " Tea ", "Green tea", 3000, " "))
                .expectEvents(created);
        verify(catalog).put(new CatalogEntry(id, "Tea", 3000, true));
    }

    @Test
    void canCreateAProductThatIsNotOnSaleYet() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(id, "Tea", "Green tea", 3000, null, false))
                .expectEvents(created, new ProductDeactivated(id));
        verify(catalog).put(new CatalogEntry(id, "Tea", 3000, false));
    }

    @Test
    void cannotCreateAProductWithANegativePrice() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(id, "Tea", null, -1, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
        verify(catalog, never()).put(any());
    }

    @Test
    void cannotCreateAProductWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProduct(id, "  ", null, 100, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void aPriceChangeRecordsThePreviousPriceAndUpdatesTheCatalog() {
        fixture.given(created)
                .when(new ChangeProduct(id, null, null, 3500L, null, null))
                .expectEvents(new ProductPriceChanged(id, 3500, 3000));
        verify(catalog).put(new CatalogEntry(id, "Tea", 3500, true));
    }

    @Test
    void onlyTheFieldsThatDifferAreChanged() {
        fixture.given(created)
                .when(new ChangeProduct(id, "Tea", "Black tea", 3000L, "https://img.test/tea.png", null))
                .expectEvents(new ProductDetailsChanged(id, null, "Black tea", "https://img.test/tea.png"));
    }

    @Test
    void aBlankDescriptionClearsIt() {
        fixture.given(created)
                .when(new ChangeProduct(id, null, "", null, null, null))
                .expectEvents(new ProductDetailsChanged(id, null, "", null));
    }

    @Test
    void repeatingTheCurrentValuesChangesNothing() {
        fixture.given(created)
                .when(new ChangeProduct(id, "Tea", "Green tea", 3000L, null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotSendAnEmptyChange() {
        fixture.given(created)
                .when(new ChangeProduct(id, null, null, null, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void canDeactivateAndReactivate() {
        fixture.given(created)
                .when(new ChangeProduct(id, null, null, null, null, false))
                .expectEvents(new ProductDeactivated(id));
        verify(catalog).put(new CatalogEntry(id, "Tea", 3000, false));

        fixture.given(created, new ProductDeactivated(id))
                .when(new ChangeProduct(id, null, null, null, null, true))
                .expectEvents(new ProductReactivated(id));
    }
}
