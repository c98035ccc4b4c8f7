package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.booking.BookingApi;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.shop.ShopSteps;
import io.hindsight.store.StoreSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SharedSecondNode;
import io.restassured.response.Response;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same object changed on two nodes at once. Each node decides on the state it loaded; the one that commits second
 * finds its guard rows moved (a hold settled, a cart closed) while it waited for their locks, and had answered 500
 * or another context's code where a retry on the winner's state gives the answer of a second request on one node.
 */
class CrossNodeRacesIT extends IntegrationTest {

    private static final int ROUNDS = 8;

    @Autowired
    private JdbcClient jdbc;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    /** Who likes a space is a row whose key the second node's insert waits on: a like on two nodes at once is one. */
    @Test
    void aSpaceLikedByOneMemberOnTwoNodesAtOnceIsLikedOnce() throws Exception {
        String spaceId = BookingApi.registerSpace(api.withRoles("Cross Node Host", "HOST"));
        Member fan = api.signUp("Cross Node Fan");
        for (int round = 0; round < ROUNDS; round++) {
            List<Response> likes = secondNode.onBothNodesAtOnce(
                    node -> node.apply(fan.request()).put("/api/spaces/" + spaceId + "/like"));
            assertThat(likes).extracting(Response::statusCode).containsOnly(200);
            // the node whose like found the other's row answers the count with it, not the count it had loaded
            assertThat(likes).extracting(like -> like.<Integer>path("likes")).containsOnly(1);
            List<Response> unlikes = secondNode.onBothNodesAtOnce(
                    node -> node.apply(fan.request()).delete("/api/spaces/" + spaceId + "/like"));
            assertThat(unlikes).extracting(Response::statusCode).containsOnly(200);
            assertThat(unlikes)
                    .extracting(unlike -> unlike.<Integer>path("likes"))
                    .containsOnly(0);
        }
        assertThat(jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry
                        WHERE aggregate_identifier = :space AND payload_type IN
                            ('io.hindsight.booking.api.SpaceLiked', 'io.hindsight.booking.api.SpaceUnliked')
                        ORDER BY sequence_number""").param("space", spaceId).query(String.class).list())
                .as("a like and an unlike a round")
                .isEqualTo(Collections.nCopies(
                                ROUNDS,
                                List.of("io.hindsight.booking.api.SpaceLiked", "io.hindsight.booking.api.SpaceUnliked"))
                        .stream()
                        .flatMap(List::stream)
                        .toList());
        fan.request()
                .put("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1));
    }

    @Test
    void aCartCheckedOutOnTwoNodesAtOnceIsCheckedOutOnce() throws Exception {
        Member admin = api.admin();
        String productId = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Race tea"), 1200);
        Member buyer = api.signUp("Cross Node Buyer");
        for (int round = 0; round < ROUNDS; round++) {
            String cartId = ShopSteps.added(buyer, productId, 1);
            List<Response> answers = secondNode.onBothNodesAtOnce(node ->
                    node.apply(buyer.request()).body(Map.of("cartId", cartId)).post("/api/cart/checkout"));
            assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
            assertThat(answers)
                    .filteredOn(a -> a.statusCode() == 409)
                    .extracting(a -> a.<String>path("code"))
                    .containsOnly("CART_CHECKED_OUT");
        }
    }

    @Test
    void aStoreOrderAcceptedOrRejectedOnTwoNodesAtOnceIsDecidedOnce() throws Exception {
        Member admin = api.admin();
        Merchant merchant = StoreSteps.openStore("Cross Node Cafe");
        String menuId = StoreSteps.menu(merchant, "Race latte", 100);
        Member customer = api.signUp("Cross Node Customer");
        StoreSteps.grantPoints(admin, customer, 100L * ROUNDS * 2, "races");
        for (int round = 0; round < ROUNDS; round++) {
            // paid in full with points: placed at once, its points held until the store decides
            String orderId = StoreSteps.ordered(customer, merchant.storeId(), menuId, 1, 100)
                    .getString("orderId");
            String second = round % 2 == 0 ? "/accept" : "/reject";
            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(merchant.request()).post("/api/store-orders/" + orderId + "/accept"),
                    node -> node.apply(merchant.request()).post("/api/store-orders/" + orderId + second));
            assertThat(answers).extracting(Response::statusCode).allMatch(status -> status == 200 || status == 409);
            assertThat(answers)
                    .filteredOn(a -> a.statusCode() == 409)
                    .extracting(a -> a.<String>path("code"))
                    .allMatch("INVALID_TRANSITION"::equals);
        }
        LedgerSteps.assertLedgerHolds(admin);
    }

    /** The node that lost found the backer's money held already, and refused with INSUFFICIENT_FUNDS. */
    @Test
    void aCampaignFundedByOneBackerOnTwoNodesAtOnceIsFundedOnce() throws Exception {
        Member publisher = api.withRoles("Cross Node Publisher", "PUBLISHER");
        for (int round = 0; round < ROUNDS; round++) {
            String campaignId = CampaignSteps.createCampaign(publisher, "Cross node lantern " + round, 300_000, 300);
            Member backer = LedgerSteps.withWallet(api.signUp("Cross Node Backer " + round), 300);
            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(backer.request()).post("/api/campaigns/" + campaignId + "/fundings"));
            assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
            assertThat(answers)
                    .filteredOn(a -> a.statusCode() == 409)
                    .extracting(a -> a.<String>path("code"))
                    .containsExactly("ALREADY_FUNDED");
        }
        LedgerSteps.assertLedgerHolds(api.admin());
    }
}
