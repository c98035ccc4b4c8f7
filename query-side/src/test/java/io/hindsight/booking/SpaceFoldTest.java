package io.hindsight.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpaceFoldTest {

    private final SpaceFold fold = new SpaceFold();
    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");
    private final Instant t0 = Instant.parse("2030-04-01T10:00:00Z");

    private RecordedEvent event(long sequence, Object payload) {
        return new RecordedEvent(
                spaceId.value(), "Space", sequence, t0.plusSeconds(sequence), "someone", "corr", payload);
    }

    @Test
    void aSpaceShowsItsPricesAndCountsLikes() {
        SpaceView view = fold.apply(
                null,
                event(
                        0,
                        new SpaceRegistered(
                                spaceId,
                                AccountId.of("host"),
                                "Loft",
                                null,
                                1,
                                13,
                                2,
                                8,
                                "Mapo",
                                List.of(1, 3),
                                List.of("https://img.example/1.jpg"),
                                new SpacePrices(70_000L, 40_000L, null))));
        view = fold.apply(view, event(1, new SpaceLiked(spaceId, AccountId.of("a"))));
        view = fold.apply(view, event(2, new SpaceLiked(spaceId, AccountId.of("b"))));
        view = fold.apply(view, event(3, new SpaceUnliked(spaceId, AccountId.of("a"))));

        assertThat(view.likes()).isEqualTo(1);
        assertThat(view.prices().cheapest()).isEqualTo(40_000L);
        assertThat(view.registeredAt()).isEqualTo(t0);
        assertThat(view.admits(2)).isTrue();
        assertThat(view.admits(9)).isFalse();
    }
}
