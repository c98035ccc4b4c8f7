package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.platform.privacy.PersonalDataCipher;
import io.hindsight.platform.privacy.PersonalDataCipher.Sealed;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An AccountSignedUp stored by revision 1 (field "method") is read as revision 2 ("signUpMethod") everywhere. */
class UpcastingIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalDataCipher cipher;

    @Test
    void anOldRevisionOneEventIsUpcastForAuditQueriesAndProjections() {
        String accountId = UUID.randomUUID().toString();
        String revisionOnePayload = """
                {"accountId":"%s","email":"legacy-%s@hindsight.test","profile":{"name":"Legacy Lee","nickname":null,"gender":"MALE"},\
                "roles":["MEMBER"],"method":"PASSWORD","socialProvider":null}""".formatted(accountId, accountId.substring(0, 8));
        storeRevisionOne(accountId, revisionOnePayload);
        assertUpcastAndReadable(accountId, "legacy-" + accountId.substring(0, 8) + "@hindsight.test");
    }

    /** The upcaster renames a field next to encrypted ones without touching them: to it they are opaque values. */
    @Test
    void anOldRevisionOneEventWithEncryptedPersonalFieldsIsUpcastAndDecrypted() {
        String accountId = UUID.randomUUID().toString();
        String email = "sealed-legacy-" + accountId.substring(0, 8) + "@hindsight.test";
        String revisionOnePayload = """
                {"accountId":"%s","email":%s,"profile":{"name":%s,"nickname":null,"gender":%s},\
                "roles":["MEMBER"],"method":"PASSWORD","socialProvider":null}""".formatted(
                        accountId,
                        sealed(accountId, "\"" + email + "\""),
                        sealed(accountId, "\"Legacy Lee\""),
                        sealed(accountId, "\"MALE\""));
        assertThat(revisionOnePayload).doesNotContain(email).doesNotContain("Legacy Lee");
        storeRevisionOne(accountId, revisionOnePayload);
        assertUpcastAndReadable(accountId, email);
    }

    private String sealed(String accountId, String json) {
        Sealed value =
                cipher.seal(accountId, json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        return "{\"pd\":\"%s\",\"ct\":\"%s\"}".formatted(value.keyId(), value.ciphertext());
    }

    private void storeRevisionOne(String accountId, String revisionOnePayload) {
        new StoredEvents(jdbc)
                .appendAsWritten(
                        accountId,
                        0,
                        "Account",
                        "io.hindsight.account.api.AccountSignedUp",
                        "1",
                        accountId,
                        revisionOnePayload);
    }

    private void assertUpcastAndReadable(String accountId, String email) {
        var admin = api.admin();
        admin.request()
                .get("/api/audit/aggregates/" + accountId + "/events")
                .then()
                .statusCode(200)
                .body("[0].payload.signUpMethod", equalTo("PASSWORD"))
                .body("[0].payload.method", nullValue())
                .body("[0].payload.email", equalTo(email))
                .body("[0].payload.profile.name", equalTo("Legacy Lee"))
                .body("[0].correlationId", equalTo("legacy-import"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/users/" + accountId)
                        .then()
                        .statusCode(200)
                        .body("name", equalTo("Legacy Lee"))
                        .body("gender", equalTo("MALE")));
    }
}
