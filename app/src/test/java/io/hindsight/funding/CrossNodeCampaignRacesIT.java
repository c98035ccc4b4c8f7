package io.hindsight.funding;

import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.funding.CampaignSteps.fund;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.withWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SharedSecondNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign ended on two nodes at once: an ADMIN's cancellation twice, a cancellation and the publisher's
 * withdrawal, a cancellation and a new funding, a cancellation and the end's deadline. Each goes through the one
 * campaign aggregate and a {@code SettleHolds} of its fundings: whichever commits first ends the campaign and settles
 * every hold once, the other is retried on that state and answers as a second request on one node would.
 */
class CrossNodeCampaignRacesIT extends IntegrationTest {

    private static final int ROUNDS = 8;
    private static final long UNIT = 1_000;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    private JdbcClient jdbc;

    /** Cancelling is idempotent: the second cancellation answers the cancelled campaign and refunds nothing again. */
    @Test
    void aCampaignCancelledOnTwoNodesAtOnceIsCancelledOnceAndEveryBackerRefundedOnce() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Twice Cancelled Publisher", "PUBLISHER");
        List<Member> backers = backers("Twice Cancelled Backer", 3);
        for (int round = 0; round < ROUNDS; round++) {
            String campaignId = fundedBy(publisher, "Cancelled twice " + round, backers);

            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(admin.request()).post("/api/campaigns/" + campaignId + "/cancel"));

            assertThat(answers).extracting(Response::statusCode).containsExactly(200, 200);
            assertThat(answers).extracting(a -> a.<String>path("status")).containsExactly("CANCEL", "CANCEL");
            assertThat(events(campaignId, "CampaignCanceled")).isEqualTo(1);
            assertThat(settlements(campaignId))
                    .hasSize(backers.size())
                    .allSatisfy((hold, events) -> assertThat(events).containsExactly("FundsHeld", "HoldVoided"));
            for (Member backer : backers) {
                awaitWallet(backer, UNIT, 0);
            }
        }
        awaitWallet(publisher, 0, 0);
        assertLedgerHolds(admin);
    }

    /** The loser finds the campaign cancelled (409 CAMPAIGN_NOT_FUNDING) or withdrawn (404 CAMPAIGN_NOT_FOUND). */
    @Test
    void aCancellationRacingTheWithdrawalOnTheOtherNodeEndsTheCampaignOnce() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Withdrawing Publisher", "PUBLISHER");
        List<Member> backers = backers("Withdrawn Backer", 3);
        for (int round = 0; round < ROUNDS; round++) {
            String campaignId = fundedBy(publisher, "Cancelled or withdrawn " + round, backers);
            String cancel = "/api/campaigns/" + campaignId + "/cancel";
            String campaign = "/api/campaigns/" + campaignId;

            List<Response> answers = round % 2 == 0
                    ? secondNode.onBothNodesAtOnce(
                            node -> node.apply(admin.request()).post(cancel),
                            node -> node.apply(publisher.request()).delete(campaign))
                    : secondNode.onBothNodesAtOnce(
                            node -> node.apply(publisher.request()).delete(campaign),
                            node -> node.apply(admin.request()).post(cancel));
            Response cancelled = answers.get(round % 2 == 0 ? 0 : 1);
            Response withdrawn = answers.get(round % 2 == 0 ? 1 : 0);

            long cancellations = events(campaignId, "CampaignCanceled");
            long withdrawals = events(campaignId, "CampaignWithdrawn");
            assertThat(cancellations + withdrawals).as("one end").isEqualTo(1);
            if (cancellations == 1) {
                assertThat(cancelled.statusCode()).isEqualTo(200);
                assertThat(withdrawn.statusCode()).isEqualTo(409);
                assertThat(withdrawn.<String>path("code")).isEqualTo("CAMPAIGN_NOT_FUNDING");
            } else {
                assertThat(withdrawn.statusCode()).isEqualTo(204);
                assertThat(cancelled.statusCode()).isEqualTo(404);
                assertThat(cancelled.<String>path("code")).isEqualTo("CAMPAIGN_NOT_FOUND");
            }
            assertThat(settlements(campaignId))
                    .hasSize(backers.size())
                    .allSatisfy((hold, events) -> assertThat(events).containsExactly("FundsHeld", "HoldVoided"));
            for (Member backer : backers) {
                awaitWallet(backer, UNIT, 0);
            }
        }
        assertLedgerHolds(admin);
    }

    /**
     * A funding committed first is refunded with the others; one that comes second finds the campaign cancelled (409
     * CAMPAIGN_NOT_FUNDING) and holds nothing. Either way the late backer's money is where it was.
     */
    @Test
    void aFundingRacingACancellationOnTheOtherNodeIsRefundedOrRefused() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Late Funding Publisher", "PUBLISHER");
        List<Member> backers = backers("Early Backer", 2);
        Member late = backers("Late Backer", 1).get(0);
        for (int round = 0; round < ROUNDS; round++) {
            String campaignId = fundedBy(publisher, "Funded while cancelled " + round, backers);
            String cancel = "/api/campaigns/" + campaignId + "/cancel";
            String fundings = "/api/campaigns/" + campaignId + "/fundings";

            List<Response> answers = round % 2 == 0
                    ? secondNode.onBothNodesAtOnce(
                            node -> node.apply(admin.request()).post(cancel),
                            node -> node.apply(late.request()).post(fundings))
                    : secondNode.onBothNodesAtOnce(
                            node -> node.apply(late.request()).post(fundings),
                            node -> node.apply(admin.request()).post(cancel));
            Response cancelled = answers.get(round % 2 == 0 ? 0 : 1);
            Response funded = answers.get(round % 2 == 0 ? 1 : 0);

            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(cancelled.<String>path("status")).isEqualTo("CANCEL");
            assertThat(events(campaignId, "CampaignCanceled")).isEqualTo(1);
            Map<String, List<String>> settlements = settlements(campaignId);
            if (funded.statusCode() == 201) {
                assertThat(events(campaignId, "CampaignFunded")).isEqualTo(backers.size() + 1);
                assertThat(cancelled.<Integer>path("participants")).isEqualTo(backers.size() + 1);
                assertThat(settlements).hasSize(backers.size() + 1);
            } else {
                assertThat(funded.statusCode()).isEqualTo(409);
                assertThat(funded.<String>path("code")).isEqualTo("CAMPAIGN_NOT_FUNDING");
                assertThat(events(campaignId, "CampaignFunded")).isEqualTo(backers.size());
                assertThat(settlements).hasSize(backers.size());
            }
            assertThat(settlements)
                    .allSatisfy((hold, events) -> assertThat(events).containsExactly("FundsHeld", "HoldVoided"));
            for (Member backer : backers) {
                awaitWallet(backer, UNIT, 0);
            }
            awaitWallet(late, UNIT, 0);
        }
        assertLedgerHolds(admin);
    }

    /**
     * Cancellations sent on both nodes around the end, while the end's deadline fires on one of them: cancelled before
     * the end, every hold is voided and the deadline does nothing; after it, the cancellations are refused and the end
     * posts every hold (the target is reached). Never both, never a hold settled twice.
     */
    @Test
    void aCancellationRacingTheEndSettlesEveryHoldOnceOneWay() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Ending Publisher", "PUBLISHER");
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            List<Member> backers = backers("Ending Backer " + round, 2);
            String campaignId = createCampaign(publisher, "Cancelled at the end " + round, 2 * UNIT, UNIT);
            for (Member backer : backers) {
                fund(backer, campaignId).then().statusCode(201);
            }
            Instant endsAt = CampaignSteps.endSoon(publisher, campaignId, Duration.ofSeconds(2));
            // from 150 ms before the end to 150 ms after it
            Instant sendAt = endsAt.minusMillis(150).plusMillis(100L * round);
            await().atMost(Duration.ofSeconds(10)).until(() -> !Instant.now().isBefore(sendAt));

            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(admin.request()).post("/api/campaigns/" + campaignId + "/cancel"));

            assertThat(answers).extracting(Response::statusCode).allMatch(status -> status == 200 || status == 409);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events(campaignId, "CampaignCanceled") + events(campaignId, "CampaignSucceeded") > 0);
            boolean cancelled = answers.stream().anyMatch(a -> a.statusCode() == 200);
            assertThat(events(campaignId, "CampaignCanceled")).isEqualTo(cancelled ? 1 : 0);
            assertThat(events(campaignId, "CampaignSucceeded")).isEqualTo(cancelled ? 0 : 1);
            assertThat(events(campaignId, "CampaignFailed")).isZero();
            assertThat(answers)
                    .filteredOn(a -> a.statusCode() == 409)
                    .extracting(a -> a.<String>path("code"))
                    .allMatch("CAMPAIGN_NOT_FUNDING"::equals);
            assertThat(settlements(campaignId))
                    .hasSize(2)
                    .allSatisfy((hold, events) ->
                            assertThat(events).containsExactly("FundsHeld", cancelled ? "HoldVoided" : "HoldPosted"));
            for (Member backer : backers) {
                awaitWallet(backer, cancelled ? UNIT : 0, 0);
            }
        }
        assertLedgerHolds(admin);
    }

    /**
     * A cancellation sent to one node while fundings and the publisher's edits stream into the campaign on the other.
     * Raced on the campaign's sequence, the cancellation (which settles every hold) lost to the small commands committed
     * meanwhile, every time it was sent again, and was answered 409 CONCURRENT_MODIFICATION; now each command to the
     * campaign waits its turn. A funding or edit before the cancellation lands (and the funding is refunded), one after
     * it is refused; none is told to try again.
     */
    @Test
    void aCancellationIsNotStarvedByFundingsStreamingInOnTheOtherNode() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Streamed Publisher", "PUBLISHER");
        List<Member> early = backers("Streamed Early Backer", 20);
        int streams = 3;
        List<List<Member>> streamers = IntStream.range(0, streams)
                .mapToObj(s -> backers("Streaming Backer " + s, 12))
                .toList();
        String campaignId = fundedBy(publisher, "Cancelled in a stream", early);
        String campaign = "/api/campaigns/" + campaignId;

        AtomicBoolean cancelled = new AtomicBoolean();
        List<Response> streamed = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(streams + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<Member> backers : streamers) {
                running.add(threads.submit(() -> backers.forEach(backer -> streamed.add(fund(backer, campaignId)))));
            }
            running.add(threads.submit(() -> {
                for (int edit = 0; !cancelled.get(); edit++) {
                    streamed.add(publisher
                            .request()
                            .body(Map.of("description", "Edited " + edit))
                            .patch(campaign));
                }
            }));
            await().atMost(Duration.ofSeconds(20)).until(() -> streamed.size() >= 6);

            Response cancel = admin.request().port(secondNode.port()).post(campaign + "/cancel");
            cancelled.set(true);
            for (Future<?> stream : running) {
                stream.get(60, TimeUnit.SECONDS);
            }

            assertThat(cancel.statusCode()).as(cancel.asString()).isEqualTo(200);
            assertThat(cancel.<String>path("status")).isEqualTo("CANCEL");
            assertThat(streamed)
                    .allSatisfy(answer -> assertThat(answer.statusCode())
                            .as(answer.asString())
                            .isIn(200, 201, 409));
            assertThat(streamed)
                    .filteredOn(answer -> answer.statusCode() == 409)
                    .extracting(answer -> answer.<String>path("code"))
                    .allMatch("CAMPAIGN_NOT_FUNDING"::equals);
            long fundedInStream = streamed.stream()
                    .filter(answer -> answer.statusCode() == 201)
                    .count();
            assertThat(events(campaignId, "CampaignFunded")).isEqualTo(early.size() + fundedInStream);
            assertThat(settlements(campaignId))
                    .hasSize(early.size() + (int) fundedInStream)
                    .allSatisfy((hold, events) -> assertThat(events).containsExactly("FundsHeld", "HoldVoided"));
        } finally {
            cancelled.set(true);
            threads.shutdownNow();
        }
        for (Member backer : early) {
            awaitWallet(backer, UNIT, 0);
        }
        for (List<Member> backers : streamers) {
            for (Member backer : backers) {
                awaitWallet(backer, UNIT, 0);
            }
        }
        assertLedgerHolds(admin);
    }

    /**
     * A publisher resigns on one node while fundings stream into their three campaigns on the other. The resignation
     * sent each campaign its withdrawal from inside its own transaction, racing the fundings on each campaign's
     * sequence (and deadlocking with one on the publisher's wallet): it was refused 409 WALLET_NOT_EMPTY for money
     * "on its way in", or 503, until the stream stopped. Now it takes the turns of the publisher's open campaigns
     * before it starts: the fundings in flight land first and are refunded with the others, and the ones after it
     * find the campaign gone.
     */
    @Test
    void aPublisherResigningWhileFundingsStreamIntoTheirCampaignsOnTheOtherNodeWithdrawsThemAtOnce() throws Exception {
        Member admin = api.admin();
        Member publisher = api.withRoles("Resigning Streamed Publisher", "PUBLISHER");
        int campaignCount = 3;
        List<Member> early = backers("Resignation Early Backer", 6, campaignCount);
        List<String> campaigns = IntStream.range(0, campaignCount)
                .mapToObj(i -> fundedBy(publisher, "Resigned in a stream " + i, early))
                .toList();
        List<List<Member>> streamers = IntStream.range(0, 3)
                .mapToObj(s -> backers("Resignation Streamer " + s, 8, campaignCount))
                .toList();

        List<Response> streamed = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(streamers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<Member> backers : streamers) {
                running.add(threads.submit(() -> backers.forEach(
                        backer -> campaigns.forEach(campaignId -> streamed.add(fund(backer, campaignId))))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> streamed.size() >= 6);

            Response resigned = publisher.request().port(secondNode.port()).delete("/api/me");
            for (Future<?> stream : running) {
                stream.get(60, TimeUnit.SECONDS);
            }

            assertThat(resigned.statusCode()).as(resigned.asString()).isEqualTo(204);
            assertThat(streamed)
                    .allSatisfy(answer -> assertThat(answer.statusCode())
                            .as(answer.asString())
                            .isIn(201, 404, 409));
            assertThat(streamed)
                    .filteredOn(answer -> answer.statusCode() != 201)
                    .extracting(answer -> answer.<String>path("code"))
                    .allMatch(code -> code.equals("CAMPAIGN_NOT_FOUND") || code.equals("CAMPAIGN_NOT_FUNDING"));
            for (String campaignId : campaigns) {
                assertThat(events(campaignId, "CampaignWithdrawn")).isEqualTo(1);
                assertThat(settlements(campaignId))
                        .hasSize((int) events(campaignId, "CampaignFunded"))
                        .allSatisfy((hold, events) -> assertThat(events).containsExactly("FundsHeld", "HoldVoided"));
            }
            assertThat(campaigns.stream()
                            .mapToLong(c -> events(c, "CampaignFunded"))
                            .sum())
                    .isEqualTo(campaignCount * early.size()
                            + streamed.stream()
                                    .filter(a -> a.statusCode() == 201)
                                    .count());
        } finally {
            threads.shutdownNow();
        }
        for (Member backer : early) {
            awaitWallet(backer, campaignCount * UNIT, 0);
        }
        for (List<Member> backers : streamers) {
            for (Member backer : backers) {
                awaitWallet(backer, campaignCount * UNIT, 0);
            }
        }
        assertLedgerHolds(admin);
    }

    private List<Member> backers(String name, int count) {
        return backers(name, count, 1);
    }

    /** Backers with money for {@code fundings} fundings each. */
    private List<Member> backers(String name, int count, int fundings) {
        return IntStream.range(0, count)
                .mapToObj(i -> withWallet(api.signUp(name + " " + i), fundings * UNIT))
                .toList();
    }

    /** A campaign far from its end and target, funded by each backer (their whole wallet, held). */
    private String fundedBy(Member publisher, String title, List<Member> backers) {
        String campaignId = createCampaign(publisher, title, 1_000_000, UNIT);
        for (Member backer : backers) {
            fund(backer, campaignId).then().statusCode(201);
        }
        return campaignId;
    }

    private long events(String aggregateId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " AND payload_type LIKE :type")
                .param("id", aggregateId)
                .param("type", "%." + type)
                .query(Long.class)
                .single();
    }

    /** The events of each funding's hold, in order, by transfer id. */
    private Map<String, List<String>> settlements(String campaignId) {
        return jdbc
                .sql("""
                        SELECT aggregate_identifier, payload_type FROM domain_event_entry
                        WHERE aggregate_identifier LIKE :prefix ORDER BY aggregate_identifier, sequence_number""")
                .param("prefix", "tr-funding-" + campaignId + "-%")
                .query((rs, n) -> Map.entry(
                        rs.getString("aggregate_identifier"),
                        rs.getString("payload_type")
                                .substring(rs.getString("payload_type").lastIndexOf('.') + 1)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
