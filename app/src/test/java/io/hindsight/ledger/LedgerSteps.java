package io.hindsight.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Wallet calls and the ledger check, as the tests of the ledger and of crowdfunding need them. */
public final class LedgerSteps {

    private LedgerSteps() {}

    public static String openWallet(Member member) {
        return member.request()
                .post("/api/wallet")
                .then()
                .statusCode(201)
                .extract()
                .path("walletId");
    }

    public static long deposit(Member member, long amount) {
        return deposit(member.request(), amount);
    }

    /** Deposits through {@code memberRequest} (the member's request, to whichever node); answers the balance. */
    public static long deposit(RequestSpecification memberRequest, long amount) {
        return memberRequest
                .body(Map.of("amount", amount))
                .post("/api/wallet/deposits")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("balance")
                .longValue();
    }

    /** A member with a wallet holding {@code amount}. */
    public static Member withWallet(Member member, long amount) {
        return new Api().withWallet(member, amount);
    }

    public static JsonPath wallet(Member member) {
        return member.request()
                .get("/api/wallet")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the wallet's read model shows this balance and held amount. */
    public static JsonPath awaitWallet(Member member, long balance, long held) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath wallet = wallet(member);
            assertThat(wallet.getLong("balance")).as("balance").isEqualTo(balance);
            assertThat(wallet.getLong("held")).as("held").isEqualTo(held);
        });
        return wallet(member);
    }

    /** The ledger's invariants on live data: asserts that none is broken and answers the report. */
    public static JsonPath assertLedgerHolds(Member adminOrAuditor) {
        JsonPath report = adminOrAuditor
                .request()
                .get("/api/admin/ledger/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Object> violations = report.getList("violations");
        assertThat(violations).as("ledger violations").isEmpty();
        assertThat(report.getList("currencies.sum", Long.class)).allMatch(sum -> sum == 0L);
        assertThat(report.getLong("negativeBalances")).isZero();
        return report;
    }
}
