package io.hindsight.funding;

import static io.hindsight.funding.CampaignSteps.awaitStatus;
import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.funding.CampaignSteps.fund;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.withWallet;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger and crowdfunding read models are functions of the events: a rebuild from zero is identical. */
class FundingReplayIT extends IntegrationTest {

    @Test
    void rebuildingEveryLedgerAndFundingProjectionFromZeroGivesTheSame() {
        Member admin = api.admin();
        Member publisher = api.withRoles("Replay Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Replay Backer"), 20_000);
        Member other = withWallet(api.signUp("Replay Other"), 5_000);
        backer.request()
                .body(Map.of("amount", 1_000))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);
        String succeeding = createCampaign(publisher, "Replay success", 2_000, 2_000);
        String withdrawn = createCampaign(publisher, "Replay withdrawn", 50_000, 3_000);
        String canceled = createCampaign(publisher, "Replay canceled", 50_000, 1_000);
        fund(backer, succeeding).then().statusCode(201);
        CampaignSteps.endSoon(publisher, succeeding, Duration.ofSeconds(2));
        fund(backer, withdrawn).then().statusCode(201);
        fund(other, canceled).then().statusCode(201);
        publisher.request().body(Map.of("title", "Replay withdrawn soon")).patch("/api/campaigns/" + withdrawn);
        publisher.request().delete("/api/campaigns/" + withdrawn).then().statusCode(204);
        admin.request().post("/api/campaigns/" + canceled + "/cancel").then().statusCode(200);
        awaitStatus(succeeding, "SUCCESS");
        publisher
                .request()
                .post("/api/campaigns/" + succeeding + "/close")
                .then()
                .statusCode(200);

        Projections.awaitAllCaughtUp(admin);
        for (String projection : new String[] {"ledger-accounts", "ledger-transfers", "funding-campaigns"}) {
            Projections.assertReplayIdentical(admin, projection);
        }
        assertLedgerHolds(admin);
    }
}
