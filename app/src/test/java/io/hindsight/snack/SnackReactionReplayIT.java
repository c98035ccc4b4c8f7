package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.react;
import static io.hindsight.snack.SnackCalls.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.projection.ReadModel;
import io.hindsight.projection.admin.ReplayRecords;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis counts are disposable: flushed and replayed from the events, they come back the same. */
class SnackReactionReplayIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ReadModel<SnackReactionView> projection;

    @Autowired
    ReplayRecords records;

    @Test
    void flushedCountsAreRebuiltFromTheEvents() {
        Member owner = api.signUp("Replay Owner");
        List<Member> members = List.of(api.signUp("Replay 1"), api.signUp("Replay 2"), api.signUp("Replay 3"));
        String loved = registered(owner, "Replay Loved");
        String mixed = registered(owner, "Replay Mixed");
        members.forEach(m -> react(m, loved, "LIKE").then().statusCode(200));
        react(members.get(0), mixed, "HATE").then().statusCode(200);
        react(members.get(1), mixed, "HATE").then().statusCode(200);
        react(members.get(1), mixed, "LIKE").then().statusCode(200);
        react(members.get(2), mixed, "LIKE").then().statusCode(200);
        members.get(2)
                .request()
                .delete("/api/snacks/" + mixed + "/reaction")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            owner.request()
                    .get("/api/snacks/" + loved)
                    .then()
                    .body("likes", equalTo(3))
                    .body("hates", equalTo(0));
            owner.request()
                    .get("/api/snacks/" + mixed)
                    .then()
                    .body("likes", equalTo(1))
                    .body("hates", equalTo(1));
        });
        Map<String, String> before = projection.snapshot();
        assertThat(before).containsKey("redis:hs:snack:{" + loved + "}:likes");

        Set<String> keys = redis.keys("hs:snack:*");
        assertThat(keys).isNotEmpty();
        redis.delete(keys);
        owner.request().get("/api/snacks/" + loved).then().body("likes", equalTo(0));

        StreamingEventProcessor processor = processing
                .eventProcessor(SnackReadModels.REACTIONS, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            owner.request()
                    .get("/api/snacks/" + loved)
                    .then()
                    .body("likes", equalTo(3))
                    .body("hates", equalTo(0))
                    .body("myReaction", equalTo(null));
            members.get(1)
                    .request()
                    .get("/api/snacks/" + mixed)
                    .then()
                    .body("likes", equalTo(1))
                    .body("hates", equalTo(1))
                    .body("myReaction", equalTo("LIKE"));
            assertThat(processor.isReplaying()).isFalse();
            assertThat(projection.snapshot()).isEqualTo(before);
        });
    }

    /** While the sets are rebuilt in place they are emptied: the counts are refused, not shown as zero. */
    @Test
    void theCountsAreRefusedWhileTheyAreRebuiltInPlace() {
        Member owner = api.signUp("Rebuild Reader");
        String snack = registered(owner, "Rebuild Snack");
        // as a replay marks it, holding its lock: a mark no lock backs is a rebuild left half-built, rebuilt again
        assertThat(records.lock(SnackReadModels.REACTIONS)).isTrue();
        records.markRebuildingInPlace(SnackReadModels.REACTIONS);
        try {
            for (String path : List.of("/api/snacks/" + snack, "/api/snacks?sort=ratio")) {
                owner.request()
                        .get(path)
                        .then()
                        .statusCode(503)
                        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                        .body("code", equalTo("PROJECTION_REPLAYING"));
            }
        } finally {
            records.clearRebuildingInPlace(SnackReadModels.REACTIONS);
            records.unlock(SnackReadModels.REACTIONS);
        }
        owner.request().get("/api/snacks/" + snack).then().statusCode(200).body("likes", equalTo(0));
    }
}
