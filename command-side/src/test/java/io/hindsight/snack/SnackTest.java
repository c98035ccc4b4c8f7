package io.hindsight.snack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.CorrectSnack;
import io.hindsight.snack.api.RegisterSnack;
import io.hindsight.snack.api.RetireSnack;
import io.hindsight.snack.api.SnackCorrected;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackRegistered;
import io.hindsight.snack.api.SnackRetired;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackNames;
import io.hindsight.snack.guard.SnackReactionTally;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnackTest {

    private final SnackId id = SnackId.of("8d3c5a1e-0000-4000-8000-000000000001");
    private final AccountId member = AccountId.of("member-1");
    private AggregateTestFixture<Snack> fixture;
    private SnackNames names;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Snack.class);
        names = mock(SnackNames.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(mock(SnackReactionTally.class));
    }

    private RegisterSnack register(String name, String url, long price, String currency) {
        return new RegisterSnack(id, name, url, " Crunchy ", null, price, currency, member);
    }

    @Test
    void canRegisterASnackUnderItsCleanedName() {
        fixture.givenNoPriorActivity()
                .when(register("  Honey   Butter\tChip ", "https://shop.example/honey", 1500, "krw"))
                .expectEvents(new SnackRegistered(
                        id, "Honey Butter Chip", "https://shop.example/honey", "Crunchy", null, 1500, "KRW", member));
        verify(names).claimOrRefuse(id, "Honey Butter Chip", 1500, "KRW");
    }

    @Test
    void cannotRegisterATakenName() {
        doThrow(new BusinessException(SnackError.SNACK_EXISTS, "taken"))
                .when(names)
                .claimOrRefuse(any(), any(), anyLong(), any());
        fixture.givenNoPriorActivity()
                .when(register("Honey Butter Chip", "https://shop.example/honey", 1500, "KRW"))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void cannotRegisterWithoutAWebAddress() {
        for (String url :
                new String[] {"javascript:alert(1)", "ftp://files.example/x", "/relative/path", "https://", "  "}) {
            fixture.givenNoPriorActivity()
                    .when(register("Chip", url, 1500, "KRW"))
                    .expectException(BusinessException.class)
                    .expectNoEvents();
        }
        verifyNoInteractions(names);
    }

    @Test
    void cannotRegisterWithAnUnknownCurrencyOrANegativePrice() {
        fixture.givenNoPriorActivity()
                .when(register("Chip", "https://a.example", 1500, "XYZ"))
                .expectException(BusinessException.class);
        fixture.givenNoPriorActivity()
                .when(register("Chip", "https://a.example", 1500, "KR"))
                .expectException(BusinessException.class);
        fixture.givenNoPriorActivity()
                .when(register("Chip", "https://a.example", -1, "KRW"))
                .expectException(BusinessException.class);
        verifyNoInteractions(names);
    }

    @Test
    void namesCompareTrimmedAndInAnyLetterCase() {
        assertThat(SnackNames.key("  HONEY butter   chip")).isEqualTo(SnackNames.key("honey Butter Chip"));
        assertThat(SnackNames.key("Honey Butter Chip")).isNotEqualTo(SnackNames.key("Honey Butter Chips"));
        assertThat(SnackNames.key("cafe\u0301")).isEqualTo(SnackNames.key("CAF\u00c9"));
    }

    private SnackRegistered registered() {
        return new SnackRegistered(id, "Chips", "https://shop.example/chips", null, null, 1500, "KRW", member);
    }

    @Test
    void canCorrectMySnacksPriceAndAddressesAndOnlyWhatChangedIsRecorded() {
        SnackCatalog catalog = mock(SnackCatalog.class);
        fixture.registerInjectableResource(catalog);
        fixture.given(registered())
                .when(new CorrectSnack(id, member, false, 1600L, null, "Salty", null))
                .expectEvents(new SnackCorrected(id, 1600, "https://shop.example/chips", "Salty", null));
        verify(catalog).reprice(id, 1600);
    }

    @Test
    void anAdminCorrectsAnySnackButNobodyElseDoes() {
        fixture.registerInjectableResource(mock(SnackCatalog.class));
        fixture.given(registered())
                .when(new CorrectSnack(id, AccountId.of("admin-1"), true, null, "https://shop.example/x", null, null))
                .expectEvents(new SnackCorrected(id, 1500, "https://shop.example/x", null, null));
        fixture.given(registered())
                .when(new CorrectSnack(id, AccountId.of("member-2"), false, 1L, null, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void cannotCorrectNothing() {
        fixture.registerInjectableResource(mock(SnackCatalog.class));
        fixture.given(registered())
                .when(new CorrectSnack(id, member, false, null, null, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new CorrectSnack(id, member, false, 1500L, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRetireASnackOnce() {
        SnackCatalog catalog = mock(SnackCatalog.class);
        fixture.registerInjectableResource(catalog);
        fixture.given(registered()).when(new RetireSnack(id)).expectEvents(new SnackRetired(id));
        verify(catalog).retire(id);
        fixture.given(registered(), new SnackRetired(id))
                .when(new RetireSnack(id))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
