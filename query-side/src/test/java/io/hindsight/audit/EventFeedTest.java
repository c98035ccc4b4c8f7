package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.api.LoggedIn;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventStoreReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private final EventStoreReader reader = mock(EventStoreReader.class);
    private final FeedHorizon horizon = mock(FeedHorizon.class);
    private final EventFeed feed = new EventFeed(reader, horizon, new ObjectMapper());
    private final EventTypeNames names = new EventTypeNames();

    /**
     * A types filter had matched each stored row's simple name with a regex: 2 s a page of a rare type over 500,000
     * events, and no page at all past the connection's socket timeout.
     */
    @Test
    void aTypesFilterComparesTheStoredPayloadTypesAsTheyAre() {
        when(horizon.probedNow()).thenReturn(500_000L);
        Set<String> types = names.payloadTypesOf(Set.of("profilechanged", "IO.HINDSIGHT.ACCOUNT.API.LOGGEDIN"));

        feed.after(10, 100, types);

        verify(reader).readOfTypes(10, 500_000L, 100, Set.of(ProfileChanged.class.getName(), LoggedIn.class.getName()));
    }

    @Test
    void noTypesReadEveryEvent() {
        when(horizon.probedNow()).thenReturn(42L);

        feed.after(0, 100, Set.of());

        verify(reader).readOfTypes(0, 42L, 100, Set.of());
    }

    @Test
    void aTypeIsNamedByItsSimpleOrFullNameInAnyCaseOfAsciiLettersOnly() {
        assertThat(names.payloadTypesOf(Set.of("ProfileChanged", "io.hindsight.account.api.profilechanged")))
                .containsExactly(ProfileChanged.class.getName());
        assertThatThrownBy(() -> names.payloadTypesOf(Set.of("ProfileChange")))
                .isInstanceOf(BusinessException.class)
                .hasMessageContaining("ProfileChange");
        assertThatThrownBy(() -> names.payloadTypesOf(Set.of("LoggedIn", "SocialIdentityLin\u212Aed")))
                .isInstanceOf(BusinessException.class);
    }
}
