package io.hindsight.account;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentSignUpIT extends IntegrationTest {

    @Test
    void twentyConcurrentSignUpsWithOneEmailGiveExactlyOneAccount() throws Exception {
        String email = uniqueEmail("race");
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            statuses.add(pool.submit(() -> {
                start.await();
                return client().body(Map.of(
                                "email",
                                n % 2 == 0 ? email : email.toUpperCase(),
                                "password",
                                "password-" + n,
                                "name",
                                "Racer " + n))
                        .post("/api/auth/signup")
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            results.add(status.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn(s -> s == 201).hasSize(1);
        assertThat(results).filteredOn(s -> s == 409).hasSize(threads - 1);
    }
}
