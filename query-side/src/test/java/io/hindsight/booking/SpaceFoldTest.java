package io.hindsight.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceImageAdded;
import io.hindsight.booking.api.SpaceImageRemoved;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpacePricesChanged;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceRelisted;
import io.hindsight.booking.api.SpaceRevised;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.SpaceUnlisted;
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

    @Test
    void aRevisedUnlistedSpaceWithImagesFoldsEveryChange() {
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
                                List.of(1),
                                List.of(),
                                new SpacePrices(70_000L, null, null))));
        view = fold.apply(
                view,
                event(1, new SpaceRevised(spaceId, "Big loft", "Sunny", 2, 14, 3, 12, "Mapo 2", List.of(), List.of())));
        view = fold.apply(
                view, event(2, new SpacePricesChanged(spaceId, new SpacePrices(null, 30_000L, null), view.prices())));
        view = fold.apply(view, event(3, new SpaceImageAdded(spaceId, "a.png", "image/png", 10)));
        view = fold.apply(view, event(4, new SpaceImageAdded(spaceId, "b.jpg", "image/jpeg", 20)));
        view = fold.apply(view, event(5, new SpaceImageRemoved(spaceId, "a.png")));
        view = fold.apply(view, event(6, new SpaceUnlisted(spaceId)));

        assertThat(view.title()).isEqualTo("Big loft");
        assertThat(view.maxCount()).isEqualTo(12);
        assertThat(view.prices().cheapest()).isEqualTo(30_000L);
        assertThat(view.images()).extracting(SpaceView.SpaceImage::url).containsExactly("/api/images/b.jpg");
        assertThat(view.coverImageUrl()).isEqualTo("/api/images/b.jpg");
        assertThat(view.listed()).isFalse();
        assertThat(view.unlistedAt()).isEqualTo(t0.plusSeconds(6));
        assertThat(fold.apply(view, event(7, new SpaceRelisted(spaceId))).listed())
                .isTrue();
    }
}
