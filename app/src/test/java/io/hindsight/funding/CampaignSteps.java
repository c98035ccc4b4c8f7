package io.hindsight.funding;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Campaign calls as the crowdfunding tests need them. */
public final class CampaignSteps {

    private CampaignSteps() {}

    public static Map<String, Object> campaignBody(String title, long target, long unit, Instant endsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "About " + title);
        body.put("targetAmount", target);
        body.put("fundingUnit", unit);
        body.put("endsAt", endsAt.toString());
        return body;
    }

    public static String createCampaign(Member publisher, String title, long target, long unit, Instant endsAt) {
        return publisher
                .request()
                .body(campaignBody(title, target, unit, endsAt))
                .post("/api/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("campaignId");
    }

    /** A campaign that ends in 30 days. */
    public static String createCampaign(Member publisher, String title, long target, long unit) {
        return createCampaign(publisher, title, target, unit, Instant.now().plus(Duration.ofDays(30)));
    }

    /**
     * Moves a campaign's end to the given time after this request, and answers the end. A test that funds a campaign
     * before its end makes it with a far end and moves it afterwards: a slow machine cannot end it before the fundings.
     */
    public static Instant endSoon(Member publisher, String campaignId, Duration after) {
        Instant endsAt = Instant.now().plus(after);
        publisher
                .request()
                .body(Map.of("endsAt", endsAt.toString()))
                .patch("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200);
        return endsAt;
    }

    public static Response fund(Member backer, String campaignId) {
        return backer.request().post("/api/campaigns/" + campaignId + "/fundings");
    }

    /** The campaign as a reader sees it: its backers are shown to its publisher, ADMINs and AUDITORs alone. */
    public static JsonPath campaignAsSeenBy(Member reader, String campaignId) {
        return reader.request()
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath campaign(String campaignId) {
        return IntegrationTest.client()
                .get("/api/campaigns/" + campaignId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath awaitStatus(String campaignId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> IntegrationTest.client()
                        .get("/api/campaigns/" + campaignId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
        return campaign(campaignId);
    }
}
