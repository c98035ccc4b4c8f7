package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.react;
import static io.hindsight.snack.SnackCalls.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.projection.ReadModel;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SnackRankingIT extends IntegrationTest {

    @Autowired
    ReadModel<SnackView> snacks;

    /**
     * Ratio first: 7 likes to 3 hates (2.33) outranks 60 to 40 (1.5) although it has fewer likes. Nobody
     * hating a liked snack ranks it above every ratio; no reactions at all ranks as balanced (1:1).
     */
    @Test
    void snacksRankByLikeToHateRatio() throws Exception {
        Member owner = api.signUp("Ranker");
        List<Member> crowd = crowd(100);
        String sevenToThree = registered(owner, "Rank 7 to 3");
        String sixtyToForty = registered(owner, "Rank 60 to 40");
        String twoToNone = registered(owner, "Rank 2 to 0");
        String untouched = registered(owner, "Rank untouched");
        String oneToTwo = registered(owner, "Rank 1 to 2");
        String fiveToFive = registered(owner, "Rank 5 to 5");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> reactions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Member member = crowd.get(i);
            int n = i;
            reactions.add(pool.submit(
                    () -> react(member, sixtyToForty, n < 60 ? "LIKE" : "HATE").statusCode()));
            if (i < 10) {
                reactions.add(pool.submit(() ->
                        react(member, sevenToThree, n < 7 ? "LIKE" : "HATE").statusCode()));
                reactions.add(pool.submit(
                        () -> react(member, fiveToFive, n < 5 ? "LIKE" : "HATE").statusCode()));
            }
            if (i < 2) {
                reactions.add(pool.submit(() -> react(member, twoToNone, "LIKE").statusCode()));
            }
            if (i < 3) {
                reactions.add(pool.submit(
                        () -> react(member, oneToTwo, n < 1 ? "LIKE" : "HATE").statusCode()));
            }
        }
        for (Future<Integer> reaction : reactions) {
            assertThat(reaction.get()).isEqualTo(200);
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> items = owner.request()
                    .queryParam("sort", "ratio")
                    .queryParam("limit", 1000)
                    .get("/api/snacks")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items");
            List<String> order = items.stream()
                    .map(i -> (String) i.get("snackId"))
                    .filter(List.of(sevenToThree, sixtyToForty, twoToNone, untouched, oneToTwo, fiveToFive)::contains)
                    .toList();
            assertThat(order).containsExactly(twoToNone, sevenToThree, sixtyToForty, fiveToFive, untouched, oneToTwo);
            Map<String, Object> seven = find(items, sevenToThree);
            assertThat(seven)
                    .containsEntry("likes", 7)
                    .containsEntry("hates", 3)
                    .containsEntry("ratio", 2.3333f);
            assertThat(find(items, sixtyToForty))
                    .containsEntry("likes", 60)
                    .containsEntry("hates", 40)
                    .containsEntry("ratio", 1.5f);
            assertThat(find(items, twoToNone))
                    .containsEntry("likes", 2)
                    .containsEntry("hates", 0)
                    .containsEntry("ratio", null);
            assertThat(find(items, untouched)).containsEntry("likes", 0).containsEntry("ratio", null);
        });
        assertThat(owner.request()
                        .queryParam("limit", 1000)
                        .get("/api/snacks")
                        .then()
                        .extract()
                        .<List<String>>path("items.snackId"))
                .as("ratio is the default order")
                .containsSubsequence(twoToNone, sevenToThree, sixtyToForty, fiveToFive, untouched, oneToTwo);
    }

    /**
     * Ranking needs every snack's counts, not every snack's view: the list reads the stored views of the page's
     * snacks only. It used to read all of them (3,000 snacks with long descriptions: 700 ms a page, against 30 ms
     * newest first), and keeps the order it had.
     */
    @Test
    void theRatioListReadsTheViewsOfThePagesSnacksOnly() {
        Member owner = api.signUp("Page Ranker");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            registered.add(registered(owner, "Paged rank " + i));
        }
        react(owner, registered.get(29), "LIKE");
        react(owner, registered.get(0), "HATE");
        Projections.awaitAllCaughtUp(api.admin());

        long before = snacks.viewsRead();
        Map<String, Object> page = owner.request()
                .queryParam("limit", 5)
                .get("/api/snacks")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        long read = snacks.viewsRead() - before;
        assertThat((Integer) page.get("total")).isGreaterThanOrEqualTo(30);
        assertThat((List<?>) page.get("items")).hasSize(5);
        assertThat(read).as("snack views read for a page of 5").isLessThanOrEqualTo(5);

        List<String> all = owner.request()
                .queryParam("limit", 1000)
                .get("/api/snacks")
                .then()
                .statusCode(200)
                .extract()
                .path("items.snackId");
        assertThat(all).containsSubsequence(registered.get(29), registered.get(1), registered.get(0));
        assertThat(all.indexOf(registered.get(0))).isGreaterThan(all.indexOf(registered.get(28)));
    }

    private static Map<String, Object> find(List<Map<String, Object>> items, String snackId) {
        return items.stream()
                .filter(i -> snackId.equals(i.get("snackId")))
                .findFirst()
                .orElseThrow();
    }

    private List<Member> crowd(int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Member>> signUps = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int n = i;
                signUps.add(pool.submit(() -> api.signUp("Crowd " + n)));
            }
            List<Member> members = new ArrayList<>();
            for (Future<Member> signUp : signUps) {
                members.add(signUp.get());
            }
            return members;
        } finally {
            pool.shutdown();
        }
    }
}
