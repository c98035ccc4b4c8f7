package io.hindsight.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.platform.web.Problems;
import io.hindsight.support.IntegrationTest;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Nodes of one deployment started with other limits, over the same Redis, as after an operator changed the limit and
 * restarted: each applies its own limit. A bucket had kept the capacity it was made with, so a lowered limit did
 * not apply to any address that had called before.
 */
class AuthRateLimitIT extends IntegrationTest {

    @Autowired
    private RedisProperties redis;

    @Autowired
    private ClientResources resources;

    @Autowired
    private Problems problems;

    @Test
    void aChangedLimitAppliesToAddressesThatCalledUnderTheOldOne() throws Exception {
        String address = "10.77." + (UUID.randomUUID().hashCode() & 0xff) + "." + (System.nanoTime() & 0xff);
        AuthRateLimitFilter before = filter(30);
        AuthRateLimitFilter after = filter(2);
        try {
            assertThat(logInFrom(address, before)).isEqualTo(200);

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(logInFrom(address, after));
            }
            assertThat(statuses).containsExactly(200, 200, 429);
        } finally {
            before.destroy();
            after.destroy();
        }
    }

    private AuthRateLimitFilter filter(long capacity) {
        return new AuthRateLimitFilter(
                redis, resources, new RateLimitProperties(capacity, Duration.ofMinutes(1)), problems);
    }

    private static int logInFrom(String address, AuthRateLimitFilter filter) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
        request.setServletPath("/api/auth/login");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }
}
