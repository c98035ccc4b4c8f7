package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.added;
import static io.hindsight.shop.ShopSteps.checkedOut;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ReceiptsIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    /**
     * A checkout closes the cart and issues its receipt in one transaction, so both carry one instant: they had been
     * a millisecond apart now and then, and a read as of the first showed a checked-out cart whose receipt was 404.
     */
    @Test
    void aCartIsClosedAtTheVeryInstantItsReceiptIsIssued() {
        Member admin = api.admin();
        String productId = createProduct(admin, uniqueName("Instant"), 1_200);
        for (int i = 0; i < 12; i++) {
            Member buyer = api.signUp("Same Instant");
            String cartId = added(buyer, productId, 1);
            String receiptId = checkedOut(buyer, cartId);
            Instant closed = Instant.parse(
                    jdbc.sql("""
                            SELECT time_stamp FROM domain_event_entry
                            WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1""").param("id", cartId).query(String.class).single());
            Instant issued = Instant.parse(
                    jdbc.sql("""
                            SELECT time_stamp FROM domain_event_entry
                            WHERE aggregate_identifier = :id ORDER BY sequence_number LIMIT 1""").param("id", receiptId).query(String.class).single());
            assertThat(issued).as("checkout %d", i).isEqualTo(closed);
            buyer.request()
                    .queryParam("asOf", closed.toString())
                    .get("/api/receipts/" + receiptId)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void onlyTheOwnerAnAdminOrAnAuditorSeesAReceipt() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member owner = api.signUp("Owner");
        String receiptId = checkedOut(owner, added(owner, tea, 2));

        owner.request().get("/api/receipts/" + receiptId).then().statusCode(200).body("total", equalTo(2000));
        admin.request().get("/api/receipts/" + receiptId).then().statusCode(200).body("total", equalTo(2000));
        api.withRoles("Auditor", "AUDITOR")
                .request()
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(200);
        api.signUp("Stranger")
                .request()
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(404)
                .body("code", equalTo("RECEIPT_NOT_FOUND"));
        client().get("/api/receipts/" + receiptId).then().statusCode(401);

        owner.request()
                .get("/api/receipts/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("RECEIPT_NOT_FOUND"));
        owner.request().get("/api/receipts/" + tea).then().statusCode(404).body("code", equalTo("RECEIPT_NOT_FOUND"));
        owner.request().get("/api/receipts/receipt-1").then().statusCode(400).body("code", equalTo("MALFORMED_ID"));
    }

    @Test
    void myReceiptsArePagedNewestFirst() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Regular");
        List<String> receipts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            receipts.add(checkedOut(member, added(member, tea, i)));
        }
        api.signUp("Someone")
                .request()
                .get("/api/receipts")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .queryParam("limit", 2)
                        .get("/api/receipts")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(3))
                        .body("limit", equalTo(2))
                        .body("items.size()", equalTo(2))
                        .body("items[0].receiptId", equalTo(receipts.get(2)))
                        .body("items[0].total", equalTo(3000))
                        .body("items[0].itemCount", equalTo(3))
                        .body("items[0].orderNumber", notNullValue())
                        .body("items[0].orderedAt", notNullValue())
                        .body("items[1].receiptId", equalTo(receipts.get(1))));
        member.request()
                .queryParam("offset", 2)
                .get("/api/receipts")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].receiptId", equalTo(receipts.get(0)));
        member.request()
                .queryParam("limit", 1001)
                .get("/api/receipts")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
    }

    @Test
    void theAdminUserListAndDetailShowEachUsersMostRecentOrder() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Recent");
        Member idle = api.signUp("Idle");
        String earlier = checkedOut(member, added(member, tea, 1));
        Instant between = Instant.now();
        String latest = checkedOut(member, added(member, tea, 2));
        String latestOrderNumber =
                member.request().get("/api/receipts/" + latest).then().extract().path("orderNumber");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            admin.request()
                    .queryParam("keyword", member.email())
                    .get("/api/admin/users")
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(1))
                    .body("items[0].recentOrder.receiptId", equalTo(latest))
                    .body("items[0].recentOrder.orderNumber", equalTo(latestOrderNumber))
                    .body("items[0].recentOrder.orderedAt", notNullValue());
            admin.request()
                    .get("/api/admin/users/" + member.accountId())
                    .then()
                    .statusCode(200)
                    .body("recentOrder.receiptId", equalTo(latest));
        });
        // as of an instant, the order placed later did not exist yet: it was named all the same
        admin.request()
                .queryParam("asOf", between.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("recentOrder.receiptId", equalTo(earlier));
        // as recorded by an instant, the order placed later was not recorded yet: it was named all the same
        admin.request()
                .queryParam("knownAt", between.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("recentOrder.receiptId", equalTo(earlier));
        admin.request()
                .queryParam("asOf", Instant.now().plusSeconds(3600).toString())
                .queryParam("knownAt", between.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("recentOrder.receiptId", equalTo(earlier));
        admin.request()
                .get("/api/admin/users/" + idle.accountId())
                .then()
                .statusCode(200)
                .body("recentOrder", nullValue());
    }

    /** The recent order is read from the receipts' read model: the read right after a checkout already names it. */
    @Test
    void theRecentOrderNamesEachCheckoutAtOnce() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Quick Buyer");
        for (int i = 0; i < 8; i++) {
            String receipt = checkedOut(member, added(member, tea, 1));
            admin.request()
                    .get("/api/admin/users/" + member.accountId())
                    .then()
                    .statusCode(200)
                    .body("recentOrder.receiptId", equalTo(receipt));
            admin.request()
                    .queryParam("keyword", member.email())
                    .get("/api/admin/users")
                    .then()
                    .statusCode(200)
                    .body("items[0].recentOrder.receiptId", equalTo(receipt));
        }
    }

    @Test
    void anAdminOrAuditorSeesEveryOrderOfOneUserNewestFirstAndAsOfAnInstant() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Buyer");
        String first = checkedOut(member, added(member, tea, 1));
        String second = checkedOut(member, added(member, tea, 2));
        Instant between = Instant.now();
        String third = checkedOut(member, added(member, tea, 3));
        Member auditor = api.withRoles("Auditor", "AUDITOR");
        String path = "/api/admin/users/" + member.accountId() + "/receipts";

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .queryParam("limit", 2)
                        .get(path)
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(3))
                        .body("items.receiptId", contains(third, second))
                        .body("items[0].total", equalTo(3000)));
        admin.request().queryParam("offset", 2).get(path).then().body("items.receiptId", contains(first));
        auditor.request()
                .queryParam("asOf", between.toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.receiptId", contains(second, first));
        auditor.request()
                .queryParam("asOf", Instant.parse("2020-01-01T00:00:00Z").toString())
                .get(path)
                .then()
                .statusCode(404)
                .body("code", equalTo("ACCOUNT_NOT_FOUND"));
        admin.request()
                .get("/api/admin/users/00000000-0000-0000-0000-000000000000/receipts")
                .then()
                .statusCode(404)
                .body("code", equalTo("ACCOUNT_NOT_FOUND"));
        member.request().get(path).then().statusCode(403);
    }

    @Test
    void aReceiptIsNotListedAsOfAnInstantFinerThanAMicrosecondBeforeItsOrder() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Buyer");
        String receipt = checkedOut(member, added(member, tea, 1));
        Instant orderedAt =
                Instant.parse(member.request().get("/api/receipts/" + receipt).path("orderedAt"));
        String path = "/api/admin/users/" + member.accountId() + "/receipts";

        // the driver rounded 1 ns before the order up to its very instant, and listed it
        admin.request()
                .queryParam("asOf", orderedAt.minusNanos(1).toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        admin.request()
                .queryParam("asOf", orderedAt.toString())
                .get(path)
                .then()
                .statusCode(200)
                .body("items.receiptId", contains(receipt));
    }
}
