package io.hindsight.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application on a random port with its embedded PostgreSQL and Redis - the same servers a
 * user runs - driven over real HTTP. All test classes share one application context (and so one set
 * of servers) per JVM, with data in a fresh temporary directory.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hindsight.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL,
            "hindsight.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "hindsight.projections.token-claim-interval=PT1S",
            "hindsight.deadlines.polling-interval=PT0.25S",
            "hindsight.stores.payment-cancel-retry=PT1S",
            "hindsight.streams.heartbeat=PT1S"
        })
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "root-admin@hindsight.test";
    public static final String ADMIN_PASSWORD = "root-admin-password";

    static {
        try {
            System.setProperty(
                    "hindsight.data-dir",
                    Files.createTempDirectory("hindsight-it").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("hindsight.social.providers.kakao.user-info-url", FakeKakao.start());
        System.setProperty("hindsight.payments.portone.url", FakePortOne.start());
        System.setProperty("hindsight.payments.portone.api-key", FakePortOne.API_KEY);
        System.setProperty("hindsight.payments.portone.api-secret", FakePortOne.API_SECRET);
    }

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void connect() {
        RestAssured.port = port;
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        api = new Api();
    }

    /** A request from its own client address, so per-address rate limits of other tests never interfere. */
    public static RequestSpecification client() {
        return given().spec(new RequestSpecBuilder()
                .setContentType(ContentType.JSON)
                .addHeader("X-Forwarded-For", randomClientAddress())
                .build());
    }

    public static String randomClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
