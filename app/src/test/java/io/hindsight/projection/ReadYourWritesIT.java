package io.hindsight.projection;

import static io.hindsight.ledger.LedgerSteps.openWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hindsight.funding.CampaignSteps;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads answered from a projection as a whole (a balance, a list) show a write the moment its answer came, on this
 * node or after a write to another: before, a deposit followed at once by {@code GET /api/wallet} showed the old
 * balance in about four reads of ten, the projection still folding it.
 */
class ReadYourWritesIT extends IntegrationTest {

    private static final int ROUNDS = 30;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void projectionsCaughtUp() {
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void aWalletShowsEachDepositAsSoonAsItIsAnswered() {
        Member member = api.signUp("Reads Own Deposits");
        openWallet(member);
        for (int round = 1; round <= ROUNDS; round++) {
            long balance = LedgerSteps.deposit(onEitherNode(member, round), 3);
            JsonPath wallet = member.request()
                    .get("/api/wallet?limit=1")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(wallet.getLong("balance"))
                    .as("balance after deposit %d", round)
                    .isEqualTo(balance);
            assertThat(wallet.getLong("transactionCount"))
                    .as("transactions after deposit %d", round)
                    .isEqualTo(round);
        }
    }

    @Test
    void pointsShowEachGrantAsSoonAsItIsAnswered() {
        Member admin = api.admin();
        Member member = api.signUp("Reads Own Points");
        for (int round = 1; round <= ROUNDS; round++) {
            long balance = StoreSteps.grantPoints(onEitherNode(admin, round), member, 10, "round " + round);
            JsonPath points = member.request()
                    .get("/api/me/points")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(points.getLong("balance"))
                    .as("points after grant %d", round)
                    .isEqualTo(balance);
        }
    }

    @Test
    void aNewCampaignIsListedAsSoonAsItIsCreated() {
        Member publisher = api.withRoles("Lists Own Campaigns", "PUBLISHER");
        for (int round = 1; round <= ROUNDS / 5; round++) {
            String title = "Listed at once " + round + " " + publisher.accountId();
            String campaignId = onEitherNode(publisher, round)
                    .body(CampaignSteps.campaignBody(
                            title, 100_000, 1_000, Instant.now().plus(Duration.ofDays(30))))
                    .post("/api/campaigns")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("campaignId");
            List<String> listed = publisher
                    .request()
                    .queryParam("q", title)
                    .get("/api/campaigns")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.campaignId");
            assertThat(listed)
                    .as("campaigns found by the title of round %d", round)
                    .containsExactly(campaignId);
        }
    }

    @Test
    void anAuditorFindsAnAccountAsSoonAsItSignedUp() {
        Member auditor = api.withRoles("Finds At Once", "AUDITOR");
        for (int round = 1; round <= ROUNDS / 5; round++) {
            String email = Api.uniqueEmail("found-at-once");
            RequestSpecification signUp = round % 2 == 0 ? client() : client().port(secondNode.port());
            String accountId = signUp.body(
                            Map.of("email", email, "password", "password-found", "name", "Found " + round))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("accountId");
            List<String> found = auditor.request()
                    .queryParam("q", email)
                    .get("/api/audit/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("findAll { it.kind == 'account' }.id");
            assertThat(found)
                    .as("accounts found by the email of round %d", round)
                    .containsExactly(accountId);
        }
    }

    /**
     * An append rolled back after taking its position (a lost race, a node killed mid-commit) leaves a gap the
     * projections' tokens keep for thousands of positions. Once over a thousand events of a projection's types
     * followed the gap, every balance read waited for ever, its request thread spinning (the local cluster's wallets
     * stopped answering a few minutes into a drill), though everything was folded.
     */
    @Test
    void aBalanceIsAnsweredAtOnceWhenThousandsOfEventsFollowAGap() {
        Member member = api.signUp("Reads Past A Gap");
        openWallet(member);
        jdbc.queryForObject("SELECT nextval('domain_event_entry_global_index_seq')", Long.class);
        long balance = 0;
        for (int deposit = 1; deposit <= 1_050; deposit++) {
            balance = LedgerSteps.deposit(member, 1);
        }
        Projections.awaitAllCaughtUp(api.admin());
        long expected = balance;
        JsonPath wallet = assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> member.request()
                        .get("/api/wallet?limit=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath());
        assertThat(wallet.getLong("balance")).isEqualTo(expected);
    }

    /** A request to this node in even rounds, to the other node (whose commits this one learns by polling) in odd. */
    private static RequestSpecification onEitherNode(Member member, int round) {
        return round % 2 == 0 ? member.request() : member.request().port(secondNode.port());
    }
}
