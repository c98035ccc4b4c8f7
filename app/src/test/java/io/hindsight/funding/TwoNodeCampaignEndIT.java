package io.hindsight.funding;

import static io.hindsight.funding.CampaignSteps.awaitStatus;
import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.funding.CampaignSteps.fund;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.withWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign's end is a deadline any command node may run. Here two nodes run it at once - its task is
 * copied so that each node has one to pick up - and still every hold is posted exactly once.
 */
class TwoNodeCampaignEndIT extends IntegrationTest {

    @Autowired
    private Environment environment;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void anEndFiredOnTwoNodesAtOncePostsEveryHoldOnce() {
        Member publisher = api.withRoles("Two Node Publisher", "PUBLISHER");
        List<Member> backers = IntStream.range(0, 6)
                .mapToObj(i -> withWallet(api.signUp("Two Node Backer " + i), 2_000))
                .toList();

        try (StandaloneApp secondNode = SecondNode.start(environment, "hindsight.deadlines.polling-interval=PT0.25S")) {
            String campaignId = createCampaign(publisher, "Two nodes", 12_000, 2_000);
            for (int i = 0; i < backers.size(); i++) {
                fund(backers.get(i), campaignId).then().statusCode(201);
            }
            Instant endsAt = CampaignSteps.endSoon(publisher, campaignId, Duration.ofSeconds(2));
            int copied = jdbc.sql("""
                            INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                         consecutive_failures, version)
                            SELECT task_name, task_instance || '-twin', task_data, execution_time, false, 0, 1
                            FROM scheduled_tasks
                            WHERE execution_time = :endsAt AND position(convert_to(:id, 'UTF8') IN task_data) > 0""")
                    .param("endsAt", Timestamp.from(endsAt))
                    .param("id", campaignId)
                    .update();
            assertThat(copied).as("the end's task, copied").isEqualTo(1);

            awaitStatus(campaignId, "SUCCESS");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE execution_time = :endsAt"
                                            + " AND position(convert_to(:id, 'UTF8') IN task_data) > 0")
                                    .param("endsAt", Timestamp.from(endsAt))
                                    .param("id", campaignId)
                                    .query(Long.class)
                                    .single()
                            == 0);

            List<Long> postsPerHold = jdbc.sql("""
                            SELECT count(*) FILTER (WHERE payload_type LIKE '%.HoldPosted') FROM domain_event_entry
                            WHERE aggregate_identifier LIKE :prefix GROUP BY aggregate_identifier""")
                    .param("prefix", "tr-funding-" + campaignId + "-%")
                    .query(Long.class)
                    .list();
            assertThat(postsPerHold).hasSize(6).containsOnly(1L);
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id"
                                    + " AND payload_type LIKE '%.CampaignSucceeded'")
                            .param("id", campaignId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            for (Member backer : backers) {
                awaitWallet(backer, 0, 0);
            }
            awaitWallet(publisher, 12_000, 0);
            assertLedgerHolds(api.admin());
        }
    }
}
