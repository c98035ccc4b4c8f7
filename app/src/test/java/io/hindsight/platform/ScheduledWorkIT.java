package io.hindsight.platform;

import static org.awaitility.Awaitility.await;

import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduledWorkIT extends IntegrationTest {

    /**
     * Housekeeping once ran on the lost-race retry thread, the only ScheduledExecutorService bean there was: a slow
     * purge held back the retries of commands clients were waiting for.
     */
    @Test
    void housekeepingRunsOnItsOwnThreadsNotOnTheCommandRetryThread() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> threadNames().stream().anyMatch(name -> name.startsWith("housekeeping-")));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
