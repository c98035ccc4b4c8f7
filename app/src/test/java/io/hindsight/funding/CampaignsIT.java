package io.hindsight.funding;

import static io.hindsight.funding.CampaignSteps.awaitStatus;
import static io.hindsight.funding.CampaignSteps.campaign;
import static io.hindsight.funding.CampaignSteps.campaignAsSeenBy;
import static io.hindsight.funding.CampaignSteps.campaignBody;
import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.funding.CampaignSteps.endSoon;
import static io.hindsight.funding.CampaignSteps.fund;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.withWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hindsight.support.AggregateSnapshotRows;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationFills;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CampaignsIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @AfterEach
    void ledgerStillHolds() {
        assertLedgerHolds(api.admin());
    }

    /**
     * A title's search key is kept lower-cased and composed (NFC), which writes some letters longer: a Hebrew
     * presentation form (U+FB2C) as three, a dotted capital I lowered as two. A title of 200 such letters, as long as a
     * title may be, made a key past the column's 400 characters, and the projection parked the campaign's events: it
     * was never listed nor found.
     */
    @Test
    void aTitleWhoseSearchKeyIsLongerThanItselfIsListedAndFound() {
        Member publisher = api.withRoles("Long Key Publisher", "PUBLISHER");
        String title = "\uFB2C".repeat(199) + "\u0130";
        String campaignId = createCampaign(publisher, title, 100_000, 10_000);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> client().queryParam("q", "\uFB2C".repeat(3))
                        .get("/api/campaigns")
                        .then()
                        .statusCode(200)
                        .body("items.campaignId", hasItem(campaignId)));
        client().get("/api/campaigns/" + campaignId).then().statusCode(200).body("title", equalTo(title));
        Projections.awaitAllCaughtUp(api.admin());
    }

    /** A campaign id written in capitals had been no campaign at all (404), where a product's or an order's is read. */
    @Test
    void aCampaignIdIsReadInAnyCaseOfItsLetters() {
        Member publisher = api.withRoles("Capital Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Capital Backer"), 10_000);
        String campaignId = createCampaign(publisher, "Capitals " + UUID.randomUUID(), 100_000, 10_000);
        String upper = campaignId.toUpperCase(java.util.Locale.ROOT);

        client().get("/api/campaigns/" + upper).then().statusCode(200).body("campaignId", equalTo(campaignId));
        fund(backer, upper).then().statusCode(201);
        fund(backer, campaignId).then().statusCode(409).body("code", equalTo("ALREADY_FUNDED"));
    }

    /** Names are read from the accounts' read model: the read right after a rename already shows the new one. */
    @Test
    void aCampaignShowsItsPublishersNewNicknameAtOnce() {
        Member publisher = api.withRoles("Renaming Publisher", "PUBLISHER");
        String title = "Renamed " + UUID.randomUUID();
        String campaignId = createCampaign(publisher, title, 100_000, 10_000);
        for (int i = 0; i < 8; i++) {
            String nickname = "pub" + UUID.randomUUID().toString().substring(0, 8);
            publisher
                    .request()
                    .body(Map.of("nickname", nickname))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
            client().get("/api/campaigns/" + campaignId)
                    .then()
                    .statusCode(200)
                    .body("publisherName", equalTo(nickname));
            client().queryParam("q", title)
                    .get("/api/campaigns")
                    .then()
                    .statusCode(200)
                    .body("items[0].publisherName", equalTo(nickname));
        }
    }

    /**
     * As of an instant a campaign shows the names its publisher and backers had then: it showed the names of now, so a
     * later rename rewrote what an auditor read of the past (AsOfOracleIT).
     */
    @Test
    void aCampaignAsOfAnInstantShowsTheNamesItsPublisherAndBackersHadThen() throws Exception {
        Member publisher = api.withRoles("Named Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Named Backer"), 1_000);
        String campaignId = createCampaign(publisher, "Names " + UUID.randomUUID(), 10_000, 1_000);
        fund(backer, campaignId).then().statusCode(201);
        JsonPath then = campaignAsSeenBy(api.admin(), campaignId);
        assertThat(then.getString("publisherName")).isEqualTo("Named Publisher");
        assertThat(then.getString("backers[0].name")).isEqualTo("Named Backer");
        Instant seen = Instant.now();
        // a gap in time, not a wait for a condition: the renames must be recorded after the instant read as of
        Thread.sleep(20);
        for (Member renamed : List.of(publisher, backer)) {
            renamed.request()
                    .body(Map.of(
                            "nickname",
                            "renamed-" + UUID.randomUUID().toString().substring(0, 8)))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }

        api.admin()
                .request()
                .queryParam("asOf", seen.toString())
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .body("publisherName", equalTo("Named Publisher"))
                .body("backers[0].name", equalTo("Named Backer"));
        assertThat(campaignAsSeenBy(api.admin(), campaignId).getString("backers[0].name"))
                .as("now, the backer's new nickname")
                .startsWith("renamed-");
    }

    @Test
    void canCreateACampaignEndingAtAnInstantOrAtTheEndOfADayInSeoul() {
        Member publisher = api.withRoles("Day Publisher", "PUBLISHER");
        Instant endsAt = Instant.now().plus(Duration.ofDays(10));
        String byInstant = createCampaign(publisher, "By instant", 100_000, 10_000, endsAt);
        assertThat(campaign(byInstant).getString("endsAt")).isEqualTo(endsAt.toString());

        LocalDate day = LocalDate.now(SEOUL).plusDays(5);
        Map<String, Object> body = campaignBody("By day", 100_000, 10_000, endsAt);
        body.remove("endsAt");
        body.put("endsOn", day.toString());
        String byDay = publisher
                .request()
                .body(body)
                .post("/api/campaigns")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.startsWith("/api/campaigns/cmp-"))
                .extract()
                .path("campaignId");
        JsonPath created = campaign(byDay);
        assertThat(Instant.parse(created.getString("endsAt")))
                .isEqualTo(day.plusDays(1).atStartOfDay(SEOUL).toInstant());
        assertThat(created.getLong("daysLeft")).isEqualTo(5);
        assertThat(created.getString("status")).isEqualTo("FUNDING");
        assertThat(created.getString("publisherName")).isEqualTo("Day Publisher");
        assertThat(created.getLong("targetAmount")).isEqualTo(100_000);
        assertThat(created.getLong("fundingUnit")).isEqualTo(10_000);
        assertThat(created.getString("description")).isEqualTo("About By day");
    }

    @Test
    void cannotCreateACampaignWithABadEndOrAmount() {
        Member publisher = api.withRoles("Careless Publisher", "PUBLISHER");
        Instant future = Instant.now().plus(Duration.ofDays(3));
        Map<String, Object> both = campaignBody("Both ends", 1_000, 100, future);
        both.put("endsOn", LocalDate.now(SEOUL).plusDays(3).toString());
        Map<String, Object> none = campaignBody("No end", 1_000, 100, future);
        none.remove("endsAt");
        Map<String, Object> yesterday = campaignBody("Past", 1_000, 100, future);
        yesterday.remove("endsAt");
        yesterday.put("endsOn", LocalDate.now(SEOUL).minusDays(1).toString());
        Map<String, Object> halfUnit = campaignBody("Half unit", 1_000, 100, future);
        halfUnit.put("fundingUnit", 1.5);
        for (Map<String, Object> body : List.of(
                both,
                none,
                yesterday,
                campaignBody("Past instant", 1_000, 100, Instant.now().minusSeconds(1)),
                campaignBody("Zero target", 0, 100, future),
                halfUnit,
                campaignBody(" ", 1_000, 100, future))) {
            publisher.request().body(body).post("/api/campaigns").then().statusCode(400);
        }
        // a title that shows nothing is refused like an empty one, however it is blank, made or edited
        String edited = createCampaign(publisher, "Edited blank", 1_000, 100);
        for (String blank : List.of("", "   ", "\u200b \u3000", "\u0301", "\u00a0")) {
            publisher
                    .request()
                    .body(campaignBody(blank, 1_000, 100, future))
                    .post("/api/campaigns")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
            publisher
                    .request()
                    .body(Map.of("title", blank))
                    .patch("/api/campaigns/" + edited)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        api.signUp("Not A Publisher")
                .request()
                .body(campaignBody("Sneaky", 1_000, 100, future))
                .post("/api/campaigns")
                .then()
                .statusCode(403);
        Projections.awaitAllCaughtUp(api.admin());
    }

    /**
     * A funding is held until the campaign ends, with no way back: a backer who names the unit they saw is refused,
     * with nothing held, when the publisher raised it in the meantime.
     */
    @Test
    void aBackerWhoNamesTheUnitTheySawIsNotChargedAUnitRaisedSince() {
        Member publisher = api.withRoles("Raising Publisher", "PUBLISHER");
        Member early = withWallet(api.signUp("Early Backer"), 50_000);
        Member late = withWallet(api.signUp("Late Backer"), 50_000);
        String campaignId = createCampaign(publisher, "Raised unit", 100_000, 1_000);

        early.request()
                .body(Map.of("amount", 1_000))
                .post("/api/campaigns/" + campaignId + "/fundings")
                .then()
                .statusCode(201)
                .body("amount", equalTo(1_000));
        publisher
                .request()
                .body(Map.of("fundingUnit", 40_000))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200);
        late.request()
                .body(Map.of("amount", 1_000))
                .post("/api/campaigns/" + campaignId + "/fundings")
                .then()
                .statusCode(409)
                .body("code", equalTo("FUNDING_UNIT_CHANGED"));
        for (String bad : List.of("{\"amount\": 0}", "{\"amount\": -1000}", "{\"amount\": 1000.5}")) {
            late.request()
                    .body(bad)
                    .post("/api/campaigns/" + campaignId + "/fundings")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        late.request()
                .body("{\"amount\": \"a lot\"}")
                .post("/api/campaigns/" + campaignId + "/fundings")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        awaitWallet(late, 50_000, 0);

        late.request()
                .body(Map.of("amount", 40_000))
                .post("/api/campaigns/" + campaignId + "/fundings")
                .then()
                .statusCode(201)
                .body("amount", equalTo(40_000));
        awaitWallet(late, 10_000, 40_000);
        awaitWallet(early, 49_000, 1_000);
    }

    @Test
    void canEditAFundingCampaignButNeverItsTarget() {
        Member publisher = api.withRoles("Editing Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "Draft title", 50_000, 5_000);
        Instant later = Instant.now().plus(Duration.ofDays(40));
        publisher
                .request()
                .body(Map.of("title", "Final title", "fundingUnit", 7_000, "endsAt", later.toString()))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .body("title", equalTo("Final title"))
                .body("fundingUnit", equalTo(7_000))
                .body("targetAmount", equalTo(50_000));
        publisher
                .request()
                .body(Map.of("targetAmount", 1))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(400)
                .body("code", equalTo("TARGET_IMMUTABLE"));
        for (String nothing : List.of("{}", "{\"title\": null}", "{\"status\": \"SUCCESS\"}")) {
            publisher
                    .request()
                    .body(nothing)
                    .patch("/api/campaigns/" + campaignId)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("NOTHING_TO_CHANGE"));
        }
        for (String tooFar : List.of("{\"endsOn\": \"+999999999-12-31\"}", "{\"endsOn\": \"-999999999-01-01\"}")) {
            publisher
                    .request()
                    .body(tooFar)
                    .patch("/api/campaigns/" + campaignId)
                    .then()
                    .statusCode(400);
        }
        client().get("/api/campaigns/" + campaignId + "?asOf=%2B999999999-12-31T23:59:59Z")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        publisher
                .request()
                .body(Map.of("endsAt", Instant.now().minusSeconds(5).toString()))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(400);
        api.withRoles("Other Publisher", "PUBLISHER")
                .request()
                .body(Map.of("title", "Hijacked"))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(404)
                .body("code", equalTo("CAMPAIGN_NOT_FOUND"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath edited = campaign(campaignId);
            assertThat(edited.getString("title")).isEqualTo("Final title");
            assertThat(edited.getLong("targetAmount")).isEqualTo(50_000);
            assertThat(edited.getString("endsAt")).isEqualTo(later.toString());
        });
    }

    @Test
    void cannotEditOrWithdrawACampaignThatIsNoLongerFunding() {
        Member publisher = api.withRoles("Late Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "Canceled soon", 50_000, 5_000);
        api.admin()
                .request()
                .post("/api/campaigns/" + campaignId + "/cancel")
                .then()
                .statusCode(200);
        publisher
                .request()
                .body(Map.of("title", "Too late"))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(409)
                .body("code", equalTo("CAMPAIGN_NOT_FUNDING"));
        publisher.request().delete("/api/campaigns/" + campaignId).then().statusCode(409);
        // ended early, by the cancel: no days left, though its end was days away
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().get("/api/campaigns/" + campaignId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("CANCEL"))
                        .body("daysLeft", equalTo(0)));
    }

    @Test
    void canFundOnceForExactlyTheFundingUnitHeldInTheWallet() {
        Member publisher = api.withRoles("Funded Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Once Backer"), 20_000);
        String campaignId = createCampaign(publisher, "Fund me once", 100_000, 6_000);

        fund(backer, campaignId)
                .then()
                .statusCode(201)
                .body("fundingId", equalTo(campaignId + "-" + backer.accountId()))
                .body("amount", equalTo(6_000));
        fund(backer, campaignId).then().statusCode(409).body("code", equalTo("ALREADY_FUNDED"));

        JsonPath wallet = awaitWallet(backer, 14_000, 6_000);
        assertThat(wallet.getString("transactions[0].kind")).isEqualTo("FUNDING");
        assertThat(wallet.getString("transactions[0].status")).isEqualTo("PENDING");
        assertThat(wallet.getString("transactions[0].campaignId")).isEqualTo(campaignId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath funded = campaign(campaignId);
            assertThat(funded.getLong("totalFunded")).isEqualTo(6_000);
            assertThat(funded.getInt("participants")).isEqualTo(1);
            assertThat(funded.getLong("achievementRate")).isEqualTo(6);
            assertThat(campaignAsSeenBy(publisher, campaignId).getString("backers[0].name"))
                    .isEqualTo("Once Backer");
        });
        // who backed a campaign is its publisher's business: a backer sees their own funding, anyone else the count
        assertThat(campaign(campaignId).getList("backers")).isEmpty();
        assertThat(campaignAsSeenBy(api.signUp("Curious Member"), campaignId).getList("backers"))
                .isEmpty();
        assertThat(campaignAsSeenBy(backer, campaignId).getList("backers.accountId"))
                .containsExactly(backer.accountId());
        assertThat(campaignAsSeenBy(api.admin(), campaignId).getList("backers")).hasSize(1);
    }

    @Test
    void cannotFundWithoutAWalletWithoutMoneyAsAPublisherOrWhenNotFunding() {
        Member publisher = api.withRoles("Strict Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "Strict", 100_000, 6_000);
        fund(api.signUp("No Wallet"), campaignId).then().statusCode(409).body("code", equalTo("WALLET_REQUIRED"));
        Member poor = withWallet(api.signUp("Poor Backer"), 5_999);
        fund(poor, campaignId).then().statusCode(409).body("code", equalTo("INSUFFICIENT_FUNDS"));
        fund(publisher, campaignId).then().statusCode(403);
        fund(withWallet(api.withRoles("Rival Publisher", "PUBLISHER"), 0), campaignId)
                .then()
                .statusCode(403);
        api.signUp("Anyone")
                .request()
                .post("/api/campaigns/cmp-nope/fundings")
                .then()
                .statusCode(404);

        api.admin()
                .request()
                .post("/api/campaigns/" + campaignId + "/cancel")
                .then()
                .statusCode(200);
        Member rich = withWallet(api.signUp("Rich Backer"), 10_000);
        fund(rich, campaignId).then().statusCode(409).body("code", equalTo("CAMPAIGN_NOT_FUNDING"));
        awaitWallet(poor, 5_999, 0);
        awaitWallet(rich, 10_000, 0);
    }

    @Test
    void aCampaignThatReachesItsTargetPaysThePublisherAtItsEndAndCanThenBeClosed() {
        Member publisher = api.withRoles("Winning Publisher", "PUBLISHER");
        Member first = withWallet(api.signUp("First Backer"), 10_000);
        Member second = withWallet(api.signUp("Second Backer"), 10_000);
        String campaignId = createCampaign(publisher, "Winner", 8_000, 4_000);
        fund(first, campaignId).then().statusCode(201);
        fund(second, campaignId).then().statusCode(201);
        endSoon(publisher, campaignId, Duration.ofSeconds(2));
        publisher
                .request()
                .post("/api/campaigns/" + campaignId + "/close")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));

        JsonPath ended = awaitStatus(campaignId, "SUCCESS");
        assertThat(ended.getLong("achievementRate")).isEqualTo(100);
        assertThat(ended.getLong("daysLeft")).isZero();
        awaitWallet(first, 6_000, 0);
        awaitWallet(second, 6_000, 0);
        JsonPath paid = awaitWallet(publisher, 8_000, 0);
        assertThat(paid.getList("transactions.campaignId")).containsOnly(campaignId);
        assertThat(paid.getList("transactions.status")).containsOnly("POSTED");
        fund(withWallet(api.signUp("Too Late"), 9_000), campaignId)
                .then()
                .statusCode(409)
                .body("code", equalTo("CAMPAIGN_NOT_FUNDING"));

        publisher
                .request()
                .post("/api/campaigns/" + campaignId + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        awaitStatus(campaignId, "CLOSED");
    }

    @Test
    void aCampaignShortOfItsTargetIsCanceledAtItsEndAndRefundsEveryone() {
        Member publisher = api.withRoles("Losing Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Refunded Backer"), 10_000);
        String campaignId = createCampaign(publisher, "Loser", 8_001, 4_000);
        String location =
                fund(backer, campaignId).then().statusCode(201).extract().header("Location");
        endSoon(publisher, campaignId, Duration.ofSeconds(2));
        backer.request().get(location).then().statusCode(200).body("campaignId", equalTo(campaignId));
        JsonPath ended = awaitStatus(campaignId, "CANCEL");
        assertThat(ended.getLong("achievementRate")).isEqualTo(49);
        JsonPath wallet = awaitWallet(backer, 10_000, 0);
        assertThat(wallet.getString("transactions[0].status")).isEqualTo("VOIDED");
        awaitWallet(publisher, 0, 0);
    }

    @Test
    void withdrawingACampaignRefundsEveryFundingAndTakesItOffTheLists() {
        Member publisher = api.withRoles("Withdrawing Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Withdrawn Backer"), 10_000);
        String title = "Withdrawn " + UUID.randomUUID();
        String campaignId = createCampaign(publisher, title, 100_000, 3_000);
        fund(backer, campaignId).then().statusCode(201);
        Instant funded = Instant.now();
        awaitWallet(backer, 7_000, 3_000);

        api.withRoles("Not Its Publisher", "PUBLISHER")
                .request()
                .delete("/api/campaigns/" + campaignId)
                .then()
                .statusCode(404);
        publisher.request().delete("/api/campaigns/" + campaignId).then().statusCode(204);

        awaitWallet(backer, 10_000, 0);
        client().get("/api/campaigns/" + campaignId).then().statusCode(404);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("q", title)
                        .get("/api/campaigns")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(0)));
        client().queryParam("asOf", funded.toString())
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .body("status", equalTo("FUNDING"))
                .body("participants", equalTo(1));
        fund(withWallet(api.signUp("After Withdrawal"), 5_000), campaignId)
                .then()
                .statusCode(404);
    }

    /** Nobody is left to deliver: a resigning publisher's campaign still taking money is withdrawn and refunded. */
    @Test
    void aResigningPublishersFundingCampaignIsWithdrawnAndItsBackersRefunded() {
        Member publisher = api.withRoles("Vanishing Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Refunded Backer"), 10_000);
        String campaignId = createCampaign(publisher, "Left behind", 100_000, 4_000);
        fund(backer, campaignId).then().statusCode(201);
        awaitWallet(backer, 6_000, 4_000);

        publisher.request().delete("/api/me").then().statusCode(204);
        awaitWallet(backer, 10_000, 0);
        client().get("/api/campaigns/" + campaignId).then().statusCode(404);
        fund(withWallet(api.signUp("Too Late Backer"), 5_000), campaignId)
                .then()
                .statusCode(404);
    }

    @Test
    void aPublisherWhoWithdrewACampaignCanStillResign() {
        Member publisher = api.withRoles("Withdrawn Then Gone", "PUBLISHER");
        String withdrawn = createCampaign(publisher, "Changed my mind", 100_000, 4_000);
        publisher.request().delete("/api/campaigns/" + withdrawn).then().statusCode(204);

        publisher.request().delete("/api/me").then().statusCode(204);
        client().get("/api/campaigns/" + withdrawn).then().statusCode(404);
    }

    /** A campaign needs nothing more from its publisher to end, and pays into a wallet the member keeps. */
    @Test
    void aPublisherAnAdminTakesPublisherFromKeepsItsCampaignFunding() {
        Member publisher = api.withRoles("Demoted Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Kept Backer"), 10_000);
        String campaignId = createCampaign(publisher, "Goes on", 100_000, 4_000);

        api.changeRoles(publisher.accountId(), "MEMBER");

        fund(backer, campaignId).then().statusCode(201);
        awaitWallet(backer, 6_000, 4_000);
        awaitStatus(campaignId, "FUNDING");

        // what they started they can still end, as a host who lost HOST can still unlist a space
        Member member = api.logIn(publisher.email(), publisher.password());
        member.request().delete("/api/campaigns/" + campaignId).then().statusCode(204);
        awaitWallet(backer, 10_000, 0);
        api.signUp("Never A Publisher")
                .request()
                .delete("/api/campaigns/" + campaignId)
                .then()
                .statusCode(404);
    }

    @Test
    void anAdminCancelsAFundingCampaignAndEveryFundingIsRefunded() {
        Member publisher = api.withRoles("Canceled Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Canceled Backer"), 10_000);
        String campaignId = createCampaign(publisher, "To cancel", 100_000, 2_500);
        fund(backer, campaignId).then().statusCode(201);
        publisher
                .request()
                .post("/api/campaigns/" + campaignId + "/cancel")
                .then()
                .statusCode(403);
        api.admin()
                .request()
                .post("/api/campaigns/" + campaignId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCEL"));
        awaitWallet(backer, 10_000, 0);
        awaitStatus(campaignId, "CANCEL");
    }

    @Test
    void theListSearchesTitlesAndSortsByTotalFundedOrNewest() {
        Member publisher = api.withRoles("Listing Publisher", "PUBLISHER");
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        String small = createCampaign(publisher, "Small " + marker + " garden", 1_000, 1_000);
        String big = createCampaign(publisher, "BIG " + marker.toUpperCase() + " robot", 1_000, 5_000);
        String none = createCampaign(publisher, "Nothing " + marker + " yet", 1_000, 100);
        createCampaign(publisher, "Unrelated 50%_ campaign", 1_000, 100);
        fund(withWallet(api.signUp("List Backer A"), 10_000), small).then().statusCode(201);
        fund(withWallet(api.signUp("List Backer B"), 10_000), big).then().statusCode(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath funded = client().queryParam("q", marker.toLowerCase())
                    .get("/api/campaigns")
                    .jsonPath();
            assertThat(funded.getList("items.campaignId")).containsExactly(big, small, none);
            assertThat(funded.getLong("total")).isEqualTo(3);
            assertThat(funded.getLong("items[0].achievementRate")).isEqualTo(500);
            assertThat(funded.getLong("items[0].totalFunded")).isEqualTo(5_000);
            assertThat(funded.getInt("items[0].participants")).isEqualTo(1);
            assertThat(funded.getString("items[0].publisherName")).isEqualTo("Listing Publisher");
            assertThat(funded.getLong("items[0].daysLeft")).isBetween(29L, 30L);
        });
        assertThat(client().queryParam("q", marker)
                        .queryParam("sort", "newest")
                        .get("/api/campaigns")
                        .jsonPath()
                        .getList("items.campaignId"))
                .containsExactly(none, big, small);
        assertThat(client().queryParam("q", marker)
                        .queryParam("limit", 1)
                        .queryParam("offset", 1)
                        .get("/api/campaigns")
                        .jsonPath()
                        .getList("items.campaignId"))
                .containsExactly(small);
        client().queryParam("q", "%_")
                .get("/api/campaigns")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        client().queryParam("sort", "cheapest").get("/api/campaigns").then().statusCode(400);
        client().queryParam("limit", 1001).get("/api/campaigns").then().statusCode(400);
    }

    /**
     * A campaign's aggregate keeps its total and number of backers, not the backings: its snapshot names no backer
     * however many there are, each backer funds once (eight threads at once), and its end settles every hold the
     * backings table lists. V8_11 writes that table for fundings made before it, from the events.
     */
    @Test
    void aCampaignKeepsItsTotalsWhileItsBackingsAreRowsOfTheirOwn() throws Exception {
        Member publisher = api.withRoles("Thronged Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "Thronged", 30_000, 1_000);
        List<Member> crowd = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            crowd.add(withWallet(api.signUp("Throng Backer " + i), 1_000));
        }
        Member eager = withWallet(api.signUp("Eager Backer"), 3_000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> fundings = new ArrayList<>();
            for (Member backer : crowd) {
                fundings.add(threads.submit(() -> fund(backer, campaignId).statusCode()));
            }
            for (Future<Integer> funding : fundings) {
                assertThat(funding.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
            List<Future<String>> again = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                again.add(threads.submit(() -> {
                    var answer = fund(eager, campaignId);
                    return answer.statusCode() == 201 ? "201" : answer.path("code");
                }));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> funding : again) {
                answers.add(funding.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).containsOnlyOnce("201").containsOnly("201", "ALREADY_FUNDED");
        } finally {
            threads.shutdownNow();
        }
        awaitWallet(eager, 2_000, 1_000);
        for (int i = 0; i < 70; i++) {
            publisher
                    .request()
                    .body(Map.of("description", "Draft " + i))
                    .patch("/api/campaigns/" + campaignId)
                    .then()
                    .statusCode(200)
                    .body("participants", equalTo(31));
        }
        assertThat(AggregateSnapshotRows.awaitPayload(jdbc, campaignId, "3"))
                .as("the campaign's snapshot after 102 events")
                .contains("\"totalFunded\":31000")
                .doesNotContain(crowd.get(0).accountId())
                .doesNotContain(eager.accountId());

        Map<String, String> backings = backingsOf(campaignId);
        assertThat(backings).hasSize(31);
        jdbc.sql("DELETE FROM funding_campaign_backings WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .update();
        MigrationFills.rerun(jdbc, "V8_11__funding_campaign_backings.sql", "INSERT INTO funding_campaign_backings");
        assertThat(backingsOf(campaignId)).as("as V8_11 writes them").isEqualTo(backings);
        fund(crowd.get(5), campaignId).then().statusCode(409).body("code", equalTo("ALREADY_FUNDED"));

        endSoon(publisher, campaignId, Duration.ofSeconds(2));
        awaitStatus(campaignId, "SUCCESS");
        awaitWallet(publisher, 31_000, 0);
        awaitWallet(crowd.get(29), 0, 0);
        awaitWallet(eager, 2_000, 0);
    }

    /**
     * A campaign ends off its publisher's open campaigns, which a resignation winds up and waits for: withdrawn,
     * canceled, succeeded and failed ones are ended, a running one is not. V8_12 reads the same from the events of
     * campaigns that ended before the column.
     */
    @Test
    void aCampaignThatEndsLeavesItsPublishersOpenCampaigns() {
        Member admin = api.admin();
        Member publisher = api.withRoles("Ending Many Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Ending Many Backer"), 2_000);
        String withdrawn = createCampaign(publisher, "Ends withdrawn", 5_000, 1_000);
        String canceled = createCampaign(publisher, "Ends canceled", 5_000, 1_000);
        String succeeded = createCampaign(publisher, "Ends succeeded", 1_000, 1_000);
        String failed = createCampaign(publisher, "Ends failed", 5_000, 1_000);
        String running = createCampaign(publisher, "Runs on", 5_000, 1_000);
        fund(backer, succeeded).then().statusCode(201);
        fund(backer, failed).then().statusCode(201);
        publisher.request().delete("/api/campaigns/" + withdrawn).then().statusCode(204);
        admin.request().post("/api/campaigns/" + canceled + "/cancel").then().statusCode(200);
        endSoon(publisher, succeeded, Duration.ofSeconds(2));
        endSoon(publisher, failed, Duration.ofSeconds(2));
        awaitStatus(succeeded, "SUCCESS");
        awaitStatus(failed, "CANCEL");
        Map<String, Boolean> ended =
                Map.of(withdrawn, true, canceled, true, succeeded, true, failed, true, running, false);
        assertThat(endedOf(publisher)).isEqualTo(ended);

        jdbc.sql("UPDATE funding_campaign_publishers SET ended = false WHERE publisher_id = :publisher")
                .param("publisher", publisher.accountId())
                .update();
        MigrationFills.rerun(
                jdbc, "V8_12__funding_campaign_publishers_ended.sql", "UPDATE funding_campaign_publishers");
        assertThat(endedOf(publisher)).as("as V8_12 reads them").isEqualTo(ended);

        awaitWallet(publisher, 1_000, 0);
        publisher
                .request()
                .body(Map.of("amount", 1_000))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);
        publisher.request().delete("/api/me").then().statusCode(204);
        assertThat(endedOf(publisher)).containsEntry(running, true);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> client().get("/api/campaigns/" + running).then().statusCode(404));
        awaitStatus(succeeded, "SUCCESS");
    }

    private Map<String, Boolean> endedOf(Member publisher) {
        Map<String, Boolean> ended = new TreeMap<>();
        jdbc.sql("SELECT campaign_id, ended FROM funding_campaign_publishers WHERE publisher_id = :publisher")
                .param("publisher", publisher.accountId())
                .query((rs, n) -> ended.put(rs.getString("campaign_id"), rs.getBoolean("ended")))
                .list();
        return ended;
    }

    private Map<String, String> backingsOf(String campaignId) {
        Map<String, String> backings = new TreeMap<>();
        jdbc.sql("SELECT backer_id, transfer_id FROM funding_campaign_backings WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .query((row, n) -> backings.put(row.getString(1), row.getString(2)))
                .list();
        return backings;
    }

    /** A funding writes a row of its own: the stored view is one size however many back the campaign. */
    @Test
    void aCampaignsStoredViewStaysOneSizeHoweverManyBackIt() {
        Member publisher = api.withRoles("Crowded Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "Crowded", 1_000_000, 1_000);
        List<Member> crowd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crowd.add(withWallet(api.signUp("Crowd Backer " + i), 1_000));
        }
        fund(crowd.get(0), campaignId).then().statusCode(201);
        assertThat(campaign(campaignId).getInt("participants")).isEqualTo(1);
        int withOne = storedViewSize(campaignId);
        Instant afterFirst = Instant.now();
        crowd.subList(1, 6).forEach(backer -> fund(backer, campaignId).then().statusCode(201));

        JsonPath seen = campaignAsSeenBy(publisher, campaignId);
        assertThat(seen.getInt("participants")).isEqualTo(6);
        assertThat(seen.getList("backers.accountId"))
                .containsExactlyElementsOf(crowd.stream().map(Member::accountId).toList());
        assertThat(storedViewSize(campaignId)).as("the view with six backers").isBetween(withOne, withOne + 4);
        assertThat(campaignAsSeenBy(crowd.get(3), campaignId).getList("backers.accountId"))
                .containsExactly(crowd.get(3).accountId());
        assertThat(publisher
                        .request()
                        .queryParam("asOf", afterFirst.toString())
                        .get("/api/campaigns/" + campaignId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("backers.accountId"))
                .containsExactly(crowd.get(0).accountId());

        // the backers come a page at a time (default and most 1000), as a popular campaign's are many
        assertThat(publisher
                        .request()
                        .queryParam("offset", 2)
                        .queryParam("limit", 3)
                        .get("/api/campaigns/" + campaignId)
                        .then()
                        .statusCode(200)
                        .body("participants", equalTo(6))
                        .extract()
                        .jsonPath()
                        .getList("backers.accountId"))
                .containsExactlyElementsOf(
                        crowd.subList(2, 5).stream().map(Member::accountId).toList());
        publisher
                .request()
                .queryParam("limit", 1001)
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
    }

    private int storedViewSize(String campaignId) {
        return jdbc.sql("SELECT octet_length(view::text) FROM funding_campaign_view WHERE aggregate_id = :id")
                .param("id", campaignId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aCampaignCanBeSeenAsItWasAndEveryEventIsInTheAuditTrail() {
        Member publisher = api.withRoles("History Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "History", 10_000, 1_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(campaignId).getInt("participants") == 0);
        Instant before = Instant.now();
        fund(withWallet(api.signUp("History Backer"), 1_000), campaignId).then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> campaign(campaignId).getInt("participants") == 1);

        client().queryParam("asOf", before.toString())
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .body("participants", equalTo(0))
                .body("totalFunded", equalTo(0));
        api.withRoles("Campaign Auditor", "AUDITOR")
                .request()
                .get("/api/audit/aggregates/" + campaignId + "/events")
                .then()
                .statusCode(200)
                .body("type", equalTo(List.of("CampaignCreated", "CampaignFunded")))
                .body("[1].changes.find { it.field == 'totalFunded' }.to", equalTo(1_000));
        client().get("/api/events?types=CampaignFunded").then().statusCode(401);
        api.admin()
                .request()
                .queryParam("types", "CampaignFunded")
                .queryParam("limit", 1000)
                .get("/api/events")
                .then()
                .statusCode(200)
                .body("items.aggregateId", org.hamcrest.Matchers.hasItem(campaignId));
    }
}
