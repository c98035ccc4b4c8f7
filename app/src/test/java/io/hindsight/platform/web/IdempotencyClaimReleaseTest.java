package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A claim whose statement the database did not answer may commit once it is back, with no request left to release
 * it: a client retrying as the 503 asked was told "in progress" for the claim's two minutes. A response it could not
 * keep is kept once it is back: left a claim, it ran out and a repeat ran the request again.
 */
class IdempotencyClaimReleaseTest {

    private final IdempotencyRecords records = mock(IdempotencyRecords.class);
    private final ObjectMapper json = new ObjectMapper();
    private final IdempotencyFilter filter = new IdempotencyFilter(
            records, mock(StringRedisTemplate.class), json, new Problems(json), Clock.systemUTC());

    @Test
    void aClaimTheDatabaseDidNotAnswerIsReleasedOnceItIsThereAndNoOtherClaimIsTouched() throws Exception {
        when(records.claim(anyString(), anyString(), any(), any()))
                .thenThrow(new DataAccessResourceFailureException("frozen"));
        MockHttpServletResponse answer = new MockHttpServletResponse();
        filter.doFilter(deposit(), answer, new MockFilterChain());
        assertThat(answer.getStatus()).isEqualTo(503);
        ArgumentCaptor<String> key = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<Instant> until = ArgumentCaptor.forClass(Instant.class);
        verify(records).claim(key.capture(), anyString(), any(), until.capture());

        // the database is back but the late claim has not committed yet: nothing to drop, so it is tried again
        when(records.release(key.getValue(), until.getValue())).thenReturn(false, true);
        filter.retryReleases();
        filter.retryReleases();
        filter.retryReleases();

        verify(records, times(2)).release(key.getValue(), until.getValue());
        verify(records, never()).release(eq(key.getValue()), eq(until.getValue().plusSeconds(1)));
    }

    @Test
    void aReleaseThatFailedIsTriedAgainUntilTheDatabaseAnswers() throws Exception {
        when(records.claim(anyString(), anyString(), any(), any())).thenReturn(true);
        when(records.release(anyString(), any()))
                .thenThrow(new DataAccessResourceFailureException("frozen"))
                .thenThrow(new DataAccessResourceFailureException("still frozen"))
                .thenReturn(true);
        MockHttpServletResponse answer = new MockHttpServletResponse();
        MockFilterChain failing = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response) {
                response.setStatus(503);
            }
        });
        filter.doFilter(deposit(), answer, failing);

        filter.retryReleases();
        filter.retryReleases();
        filter.retryReleases();

        verify(records, times(3)).release(anyString(), any());
    }

    @Test
    void aResponseTheDatabaseCouldNotKeepIsKeptAgainstItsClaimOnceItIsBack() throws Exception {
        when(records.claim(anyString(), anyString(), any(), any())).thenReturn(true);
        when(records.complete(anyString(), any(), any(), any()))
                .thenThrow(new DataAccessResourceFailureException("frozen"))
                .thenThrow(new DataAccessResourceFailureException("still frozen"))
                .thenReturn(true);
        MockHttpServletResponse answer = new MockHttpServletResponse();
        filter.doFilter(deposit(), answer, new MockFilterChain());
        assertThat(answer.getStatus()).isEqualTo(200);
        ArgumentCaptor<Instant> claimedUntil = ArgumentCaptor.forClass(Instant.class);
        verify(records).claim(anyString(), anyString(), any(), claimedUntil.capture());

        filter.retryReleases();
        filter.retryReleases();
        filter.retryReleases();

        verify(records, times(3)).complete(anyString(), eq(claimedUntil.getValue()), any(), any());
        verify(records, never()).release(anyString(), any());
    }

    private static MockHttpServletRequest deposit() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/wallet/deposits");
        request.setServletPath("/api/wallet/deposits");
        request.addHeader(IdempotencyFilter.HEADER, "deposit-1");
        request.setContentType("application/json");
        request.setContent("{\"amount\":5}".getBytes());
        return request;
    }
}
