package io.hindsight.audit.evidence;

import static io.hindsight.audit.evidence.EvidenceCalls.checkpointNow;
import static io.hindsight.audit.evidence.EvidenceCalls.number;
import static io.hindsight.audit.evidence.EvidenceCalls.proof;
import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chain and the node's key live in the database and the data directory: a restart continues both. */
class EvidenceRestartIT {

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void theChainContinuesAcrossARestartWithTheSameKey() throws Exception {
        Path data = Files.createTempDirectory("hindsight-evidence-restart");
        Map<String, Object> before;
        Map<String, Object> proofBefore;
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            Api api = new Api();
            Member admin = api.admin();
            api.signUp("Evidence Before Restart");
            before = checkpointNow(admin);
            proofBefore = proof(admin, ((Number) before.get("lastPosition")).longValue());
        }
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            Api api = new Api();
            Member admin = api.admin();
            api.signUp("Evidence After Restart");
            Map<String, Object> after = checkpointNow(admin);

            assertThat(after.get("keyId")).isEqualTo(before.get("keyId"));
            assertThat(number(after, "checkpointId")).isEqualTo(number(before, "checkpointId") + 1);
            assertThat(after.get("previousChainHead")).isEqualTo(before.get("chainHead"));
            assertThat(number(after, "firstIndex"))
                    .isEqualTo(number(before, "firstIndex") + number(before, "treeSize"));
            admin.request()
                    .queryParam("from", 1)
                    .queryParam("to", after.get("lastPosition"))
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(true))
                    .body("checked", equalTo((int) (number(after, "firstIndex") + number(after, "treeSize") - 1)));
            Map<String, Object> keys = client().get("/.well-known/hindsight/keys")
                    .then()
                    .statusCode(200)
                    .body("keys.size()", equalTo(1))
                    .extract()
                    .path("");
            OutsiderCheck.assertProofHolds(proofBefore, keys);
            OutsiderCheck.assertProofHolds(proof(admin, number(after, "lastPosition")), keys);
        }
    }
}
