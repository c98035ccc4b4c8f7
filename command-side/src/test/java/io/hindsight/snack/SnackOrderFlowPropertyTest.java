package io.hindsight.snack;

import static io.hindsight.snack.api.SnackOrderStatus.APPROVED;
import static io.hindsight.snack.api.SnackOrderStatus.CANCELED;
import static io.hindsight.snack.api.SnackOrderStatus.COMPLETED;
import static io.hindsight.snack.api.SnackOrderStatus.CREATED;
import static io.hindsight.snack.api.SnackOrderStatus.ORDERED;
import static io.hindsight.snack.api.SnackOrderStatus.SHIPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.snack.api.ChangeSnackOrderStatus;
import io.hindsight.snack.api.ReviseSnackOrderItems;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderItem;
import io.hindsight.snack.api.SnackOrderItemsRevised;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderPurchased;
import io.hindsight.snack.api.SnackOrderShipped;
import io.hindsight.snack.api.SnackOrderStatus;
import io.hindsight.snack.api.SnackOrderStatusChange;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackReactionTally;
import io.hindsight.snack.guard.UnshippedSnackRequests;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

/**
 * Random sequences of ADMIN moves and member edits against the order aggregate, checked step by step
 * against the flow as the specification draws it (written out here independently of the aggregate).
 */
class SnackOrderFlowPropertyTest {

    private static final Set<List<SnackOrderStatus>> SPECIFIED_MOVES = Set.of(
            List.of(CREATED, APPROVED),
            List.of(APPROVED, ORDERED),
            List.of(ORDERED, SHIPPING),
            List.of(SHIPPING, COMPLETED),
            List.of(CREATED, CANCELED),
            List.of(APPROVED, CANCELED));
    private static final LocalDate ARRIVAL = LocalDate.of(2100, 3, 1);

    private final SnackOrderId id = SnackOrderId.of("5e1f0000-0000-4000-8000-00000000f10e");
    private final AccountId requester = AccountId.of("requester");
    private final SnackId chips = SnackId.of("8d3c5a1e-0000-4000-8000-0000000000d1");
    private final SnackId jelly = SnackId.of("8d3c5a1e-0000-4000-8000-0000000000d2");
    private final List<List<SnackOrderLine>> itemChoices = List.of(
            List.of(new SnackOrderLine(chips, "Chips", 2, 1500, "KRW")),
            List.of(new SnackOrderLine(jelly, "Jelly", 1, 900, "KRW")),
            List.of(
                    new SnackOrderLine(chips, "Chips", 1, 1500, "KRW"),
                    new SnackOrderLine(jelly, "Jelly", 3, 900, "KRW")));

    sealed interface Step permits Move, Edit {}

    record Move(SnackOrderStatus target, boolean withArrival, boolean snackDisliked) implements Step {}

    record Edit(int itemChoice, boolean byRequester) implements Step {}

    @Provide
    Arbitrary<List<Step>> commandSequences() {
        Arbitrary<Step> move = Combinators.combine(
                        Arbitraries.of(SnackOrderStatus.class),
                        Arbitraries.of(true, true, false),
                        Arbitraries.of(false, false, true))
                .as(Move::new);
        Arbitrary<Step> edit = Combinators.combine(
                        Arbitraries.integers().between(0, 2), Arbitraries.of(true, true, false))
                .as(Edit::new);
        return Arbitraries.frequencyOf(Tuple.of(4, move), Tuple.of(1, edit))
                .list()
                .ofMinSize(1)
                .ofMaxSize(14);
    }

    @Property(tries = 400)
    void randomCommandSequencesNeverLeaveTheSpecifiedFlow(@ForAll("commandSequences") List<Step> steps) {
        SnackCatalog catalog = mock(SnackCatalog.class);
        UnshippedSnackRequests requests = mock(UnshippedSnackRequests.class);
        SnackReactionTally tally = mock(SnackReactionTally.class);
        for (List<SnackOrderLine> lines : itemChoices) {
            when(catalog.linesOrRefuse(itemsOf(lines))).thenReturn(lines);
        }
        AggregateTestFixture<SnackOrder> fixture = new AggregateTestFixture<>(SnackOrder.class);
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(requests);
        fixture.registerInjectableResource(tally);

        List<Object> history = new ArrayList<>(List.of(new SnackOrderCreated(id, requester, itemChoices.get(0))));
        SnackOrderStatus status = CREATED;
        List<SnackOrderLine> lines = itemChoices.get(0);
        for (Step step : steps) {
            clearInvocations(requests);
            CapturedEvents captured = new CapturedEvents();
            if (step instanceof Move move) {
                when(tally.lockAndFindDisliked(anyList()))
                        .thenReturn(move.snackDisliked() ? List.of(chips) : List.of());
                fixture.given(history)
                        .when(new ChangeSnackOrderStatus(id, move.target(), move.withArrival() ? ARRIVAL : null))
                        .expectEventsMatching(captured);
                boolean specified = SPECIFIED_MOVES.contains(List.of(status, move.target()))
                        && move.withArrival() == (move.target() == ORDERED || move.target() == SHIPPING)
                        && !(move.snackDisliked() && (move.target() == APPROVED || move.target() == ORDERED));
                if (specified) {
                    assertThat(captured.events)
                            .singleElement()
                            .satisfies(e -> assertThat(((SnackOrderStatusChange) e).newStatus())
                                    .isEqualTo(move.target()));
                    Object event = captured.events.get(0);
                    if (event instanceof SnackOrderPurchased purchased) {
                        assertThat(purchased.estimatedArrival()).isEqualTo(ARRIVAL);
                    }
                    if (event instanceof SnackOrderShipped shipped) {
                        assertThat(shipped.estimatedArrival()).isEqualTo(ARRIVAL);
                    }
                    boolean releases =
                            move.target() == SHIPPING || move.target() == COMPLETED || move.target() == CANCELED;
                    assertThat(mockingDetails(requests).getInvocations()).hasSize(releases ? 1 : 0);
                    status = move.target();
                } else {
                    assertThat(captured.events)
                            .as("%s -> %s refused", status, move)
                            .isEmpty();
                    assertThat(mockingDetails(requests).getInvocations()).isEmpty();
                }
            } else if (step instanceof Edit edit) {
                List<SnackOrderLine> wanted = itemChoices.get(edit.itemChoice());
                fixture.given(history)
                        .when(new ReviseSnackOrderItems(
                                id, edit.byRequester() ? requester : AccountId.of("someone-else"), itemsOf(wanted)))
                        .expectEventsMatching(captured);
                if (status == CREATED && edit.byRequester() && !wanted.equals(lines)) {
                    assertThat(captured.events).containsExactly(new SnackOrderItemsRevised(id, wanted));
                    lines = wanted;
                } else {
                    assertThat(captured.events).as("edit while %s", status).isEmpty();
                }
            }
            history.addAll(captured.events);
        }
    }

    private static List<SnackOrderItem> itemsOf(List<SnackOrderLine> lines) {
        return lines.stream()
                .map(line -> new SnackOrderItem(line.snackId(), line.quantity()))
                .toList();
    }

    /** Collects the payloads of the events a command published, whatever they are. */
    private static final class CapturedEvents extends BaseMatcher<List<? super EventMessage<?>>> {

        private final List<Object> events = new ArrayList<>();

        @Override
        public boolean matches(Object actual) {
            for (Object message : (List<?>) actual) {
                events.add(((EventMessage<?>) message).getPayload());
            }
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events");
        }
    }
}
