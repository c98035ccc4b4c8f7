package io.hindsight.projection.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/**
 * A read of a projection rebuilt in place (the snack reactions' Redis sets) that a rebuild overlaps: it passed the
 * check before the handler, then read the emptied sets, and answered likes and hates of 0 with a 200 - about one
 * read in 300 while replays ran. The answer is now checked again before it is written.
 */
class ProjectionAvailabilityIT extends IntegrationTest {

    @Autowired
    private ProjectionAvailability availability;

    @Autowired
    private ReplayRecords records;

    private static final String PROJECTION = "availability-test";

    private final String projection = PROJECTION;

    @Test
    void aReadThatARebuildStartedDuringIsRefusedBeforeItsAnswerIsWritten() throws Exception {
        MockHttpServletRequest request = readStarts();

        records.markRebuildingInPlace(projection);
        try {
            assertThatThrownBy(() -> answer(request)).satisfies(this::isReplaying);
        } finally {
            records.clearRebuildingInPlace(projection);
        }
    }

    @Test
    void aReadThatAWholeRebuildRanDuringIsRefusedToo() throws Exception {
        MockHttpServletRequest request = readStarts();

        records.markRebuildingInPlace(projection);
        records.clearRebuildingInPlace(projection);

        assertThatThrownBy(() -> answer(request)).satisfies(this::isReplaying);
    }

    @Test
    void aReadNoRebuildOverlapsIsAnswered() throws Exception {
        records.markRebuildingInPlace(projection);
        records.clearRebuildingInPlace(projection);
        MockHttpServletRequest request = readStarts();

        assertThat(answer(request)).isEqualTo(Map.of("likes", 2));
    }

    @Test
    void aReadThatStartsDuringARebuildIsRefusedAtOnce() throws Exception {
        records.markRebuildingInPlace(projection);
        try {
            assertThatThrownBy(this::readStarts).satisfies(this::isReplaying);
        } finally {
            records.clearRebuildingInPlace(projection);
        }
    }

    private MockHttpServletRequest readStarts() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/test");
        Reader reader = new Reader();
        HandlerMethod handler = new HandlerMethod(reader, Reader.class.getMethod("read"));
        availability.preHandle(request, new MockHttpServletResponse(), handler);
        return request;
    }

    private Object answer(MockHttpServletRequest request) {
        return availability.beforeBodyWrite(
                Map.of("likes", 2),
                null,
                MediaType.APPLICATION_JSON,
                null,
                new ServletServerHttpRequest(request),
                new ServletServerHttpResponse(new MockHttpServletResponse()));
    }

    private void isReplaying(Throwable refusal) {
        assertThat(refusal).isInstanceOf(BusinessException.class);
        assertThat(((BusinessException) refusal).code()).isEqualTo(CommonError.PROJECTION_REPLAYING);
    }

    /** A read endpoint of the test's own projection, so that no other test's replays touch it. */
    class Reader {

        @ReadsProjection(PROJECTION)
        public Map<String, Object> read() {
            return Map.of();
        }
    }
}
