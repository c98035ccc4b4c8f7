package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.added;
import static io.hindsight.shop.ShopSteps.changePrice;
import static io.hindsight.shop.ShopSteps.checkedOut;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.projection.Projection;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every shop read model rebuilt from the first event equals the live one, row for row. */
class ShopReplayIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private List<Projection> projections;

    @Autowired
    private EventStore eventStore;

    @Test
    void everyShopProjectionRebuildsExactlyWhatWasThere() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Replay tea"), 1000);
        Member member = api.signUp("Replayer");
        String cart = added(member, tea, 2);
        changePrice(admin, tea, 1300);
        checkedOut(member, cart);
        added(member, tea, 1);

        List<Projection> shop =
                projections.stream().filter(p -> p.name().startsWith("shop-")).toList();
        assertThat(shop)
                .extracting(Projection::name)
                .containsExactlyInAnyOrder("shop-products", "shop-carts", "shop-receipts", "shop-sales");
        for (Projection projection : shop) {
            StreamingEventProcessor processor = processing
                    .eventProcessor(projection.name(), StreamingEventProcessor.class)
                    .orElseThrow();
            awaitCaughtUp(processor);
            Map<String, String> live = projection.snapshot();
            assertThat(live).as(projection.name()).isNotEmpty();

            processor.shutDown();
            processor.resetTokens();
            processor.start();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(processor.isReplaying()).isFalse();
                assertThat(projection.snapshot()).as(projection.name()).isEqualTo(live);
            });
        }
    }

    private void awaitCaughtUp(StreamingEventProcessor processor) {
        long head = eventStore.createHeadToken().position().orElse(0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream()
                                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
    }
}
