package io.hindsight.funding;

import static io.hindsight.funding.CampaignSteps.awaitStatus;
import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.funding.CampaignSteps.fund;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.withWallet;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignSmokeIT extends IntegrationTest {

    @Test
    void aFundedCampaignPaysItsPublisherAtTheEnd() {
        Member publisher = api.withRoles("Smoke Publisher", "PUBLISHER");
        Member backer = withWallet(api.signUp("Smoke Backer"), 10_000);
        String campaignId =
                createCampaign(publisher, "Smoke", 3_000, 3_000, Instant.now().plusSeconds(3));
        fund(backer, campaignId).then().statusCode(201);
        awaitWallet(backer, 7_000, 3_000);
        awaitStatus(campaignId, "SUCCESS");
        awaitWallet(backer, 7_000, 0);
        awaitWallet(publisher, 3_000, 0);
        assertLedgerHolds(api.admin());
    }
}
