package io.hindsight.audit;

import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.booking.BookingApi;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.shop.ShopSteps;
import io.hindsight.snack.SnackCalls;
import io.hindsight.store.StoreSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.RandomWalk;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The as-of oracle: what a client read at instant t is exactly what the same read with {@code asOf=t} answers later,
 * after many more changes. A seeded random walk changes profiles, wallets, points, shop products, carts and receipts,
 * stores, menus and store orders through their flow, gifts (paid and free) and the orders their coupons place, snacks
 * with their corrections, reactions and orders, bookings and campaigns, and members resign - a third of the writes on a
 * second (command) node whose deadlines are short, so that orders expire unpaid, holds expire, coupons expire and
 * campaigns end while the walk watches. After each step it reads every object the step
 * touched, then takes an instant t by PostgreSQL's clock (the cluster's, docs/design.md "The cluster's clock") at which
 * every event of the step was recorded and none of the next: kept as (t, read, answer). At random steps and at the end
 * it reads kept pairs again with {@code asOf=} t, the last event's recorded instant before it, 1 ns before the next
 * step's first event and the middle, in UTC or at +09:00, and requires the same answer but for the fields the docs say
 * an as-of read answers differently. No model of the business is needed: the walk's reads are the reference. The seed
 * is printed; {@code -Dasof.seed=...} repeats a walk's choices ({@code -Dasof.steps=} sets its length).
 */
class AsOfOracleIT extends IntegrationTest {

    /**
     * The second (command) node takes a third of the writes, with short deadlines, so that the walk sees them fire: an
     * order it takes waits {@value #SHORT_PAYMENT} for its payment, a booking holds its slot {@value #SHORT_HOLD}, a
     * coupon it issues is valid {@value #SHORT_COUPON} (StoreDeadlinesIT and HoldExpiryIT shorten them the same way).
     * Its own node, not the run's shared one, which has the defaults; closed when the walk ends.
     */
    private static final String SHORT_PAYMENT = "PT6S";

    private static final String SHORT_HOLD = "PT6S";
    private static final String SHORT_COUPON = "PT10S";

    private static StandaloneApp secondNode;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    private static final int RECHECK_SAMPLE = 25;
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private RandomWalk walk;
    private Random random;
    private Member admin;
    private Member publisher;
    private Member host;
    private String spaceId;
    private final List<Person> people = new ArrayList<>();
    private final List<String> products = new ArrayList<>();
    private final List<Shop> shops = new ArrayList<>();
    private final Map<String, StoreOrder> storeOrders = new LinkedHashMap<>();
    private final List<Snack> snacks = new ArrayList<>();
    private final Map<String, SnackOrder> snackOrders = new LinkedHashMap<>();
    private final Map<String, Booking> bookings = new LinkedHashMap<>();
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, Coupon> coupons = new LinkedHashMap<>();
    /** Deadlines the walk saw fire, by kind. */
    private final Map<String, Integer> deadlinesSeen = new TreeMap<>();

    /** The reads of what the step touched, taken after it. */
    private final Set<Read> touched = new LinkedHashSet<>();
    /** Every (t, read, answer) kept. */
    private final List<Seen> seen = new ArrayList<>();

    private final List<String> disagreements = new ArrayList<>();
    /** The accounts of members who resigned: their answers were read again before, and their token reads no more. */
    private final Set<String> resignedReaders = new HashSet<>();

    private final Map<String, Integer> refusals = new TreeMap<>();
    private long knownIndex;
    private int committingAtT;
    private Instant lastRecorded = Instant.EPOCH;
    private int rechecked;

    // ---------------------------------------------------------------- what is kept

    /** A read as a client makes it: who (null: anyone), the path, its query; {@code asOf=} is added to re-read it. */
    record Read(String what, Member reader, String path, Map<String, Object> query) {

        Read(String what, Member reader, String path) {
            this(what, reader, path, Map.of());
        }
    }

    /** An answer: its status, and its body (the problem's code alone for a refusal). */
    record Answer(int status, Object body) {}

    /**
     * A quiet interval: every event up to {@code upToIndex} was recorded by {@code lastRecorded} (at or before t), and
     * every later one after t. {@code missingBelow}: positions below {@code upToIndex} no read could see then (rolled
     * back, or a transaction still committing).
     */
    record Moment(int step, Instant t, long upToIndex, Instant lastRecorded, List<Long> missingBelow) {}

    record Seen(Moment moment, Read read, Answer answer) {}

    static final class Person {
        final String label;
        final Member member;
        String cartId;
        /** Resigned: their token is revoked, so only others (an ADMIN) read their objects from then on. */
        boolean resigned;

        final List<String> receipts = new ArrayList<>();

        Person(String label, Member member) {
            this.label = label;
            this.member = member;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    record Shop(Merchant merchant, List<String> menus) {}

    static final class StoreOrder {
        final String id;
        final String kind;
        final Person customer;
        final Shop shop;
        final long amountDue;
        String status;
        /** When an order waiting for its payment expires (its deadline); null once it waits no more. */
        Instant paymentDueAt;
        /** A gift's recipient; null for other kinds. */
        Person recipient;
        /** A coupon order's gift order; null for other kinds. */
        StoreOrder giftOrder;
        /** A gift's coupon once issued, or the coupon a coupon order used. */
        Coupon coupon;

        StoreOrder(String id, String kind, Person customer, Shop shop, long amountDue, String status) {
            this.id = id;
            this.kind = kind;
            this.customer = customer;
            this.shop = shop;
            this.amountDue = amountDue;
            this.status = status;
        }
    }

    /** A gift's coupon: ISSUED, REGISTERED, USED, EXPIRED (its deadline) or WITHDRAWN (its recipient resigned). */
    static final class Coupon {
        final String code;
        final StoreOrder gift;
        final Instant expiresAt;
        String status = "ISSUED";

        Coupon(String code, StoreOrder gift, Instant expiresAt) {
            this.code = code;
            this.gift = gift;
            this.expiresAt = expiresAt;
        }
    }

    /** A campaign, FUNDING until it ends by its deadline ({@code endsAt}) or is cancelled or withdrawn. */
    static final class Campaign {
        final String id;
        final Instant endsAt;
        String status = "FUNDING";

        Campaign(String id, Instant endsAt) {
            this.id = id;
            this.endsAt = endsAt;
        }
    }

    record Snack(String id, Person registrant) {}

    static final class SnackOrder {
        final String id;
        final Person requester;
        String status = "CREATED";

        SnackOrder(String id, Person requester) {
            this.id = id;
            this.requester = requester;
        }
    }

    static final class Booking {
        final String id;
        final Person guest;
        final Instant holdExpiresAt;
        String status = "PENDING";

        Booking(String id, Person guest, Instant holdExpiresAt) {
            this.id = id;
            this.guest = guest;
            this.holdExpiresAt = holdExpiresAt;
        }
    }

    // ---------------------------------------------------------------- the walk

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    @Test
    void everyReadAtAnInstantIsWhatTheSameReadAsOfThatInstantAnswersLater() throws Exception {
        secondNode = SecondNode.start(
                environment,
                "hindsight.roles=command",
                "hindsight.stores.payment-timeout=" + SHORT_PAYMENT,
                "hindsight.booking.hold-duration=" + SHORT_HOLD,
                "hindsight.stores.coupon-validity=" + SHORT_COUPON);
        walk = new RandomWalk("AsOfOracleIT", "asof.seed");
        int steps = Integer.getInteger("asof.steps", 70);
        random = walk.random();
        registerActions();
        admin = api.admin();
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);
        knownIndex = maxIndex();
        long started = System.nanoTime();

        publisher = api.withRoles("AsOf Publisher", "PUBLISHER");
        host = api.withRoles("AsOf Host", "HOST");
        host.request().post("/api/wallet").then().statusCode(201);
        spaceId = BookingApi.registerSpace(host);
        for (int i = 0; i < 4; i++) {
            join();
        }
        products.add(ShopSteps.createProduct(admin, ShopSteps.uniqueName("AsOf Tea"), 3_000));
        products.add(ShopSteps.createProduct(admin, ShopSteps.uniqueName("AsOf Cup"), 12_000));
        openShop();
        observe();

        walk.reportingFailures(40, () -> {
            walk.walk(steps, step -> {
                if (!walk.takeOneStep()) {
                    deposit();
                }
                observe();
                if (random.nextInt(10) == 0) {
                    recheck(RECHECK_SAMPLE, false);
                }
            });
            watchTheLastDeadlines();
            recheck(seen.size(), true);
            Projections.awaitAllCaughtUp(admin);
            assertThat(Projections.deadLetters(admin))
                    .as("events parked during the walk")
                    .isEqualTo(deadLettersBefore);
            recheck(RECHECK_SAMPLE * 2, false);
            assertThat(disagreements)
                    .as("reads as of an instant that disagree with what was read at it")
                    .isEmpty();
        });
        System.out.println("AsOfOracleIT walked " + steps + " steps in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        System.out.println("AsOfOracleIT steps taken: " + walk.taken());
        System.out.println("AsOfOracleIT writes refused: " + refusals);
        System.out.println("AsOfOracleIT deadlines seen to fire: " + deadlinesSeen);
        System.out.println("AsOfOracleIT kept answers passed over, an event committing at their t: " + committingAtT);
        Map<Integer, Long> byStatus = new TreeMap<>();
        seen.forEach(kept -> byStatus.merge(kept.answer().status(), 1L, Long::sum));
        System.out.println("AsOfOracleIT kept " + seen.size() + " answers (by status " + byStatus + "), re-read "
                + rechecked + " times as of");
        System.out.println("AsOfOracleIT reads that agreed only later: " + walk.staleReads());
    }

    private void registerActions() {
        walk.action(1, "join", () -> members().size() < 7 && people.size() < 10 && join());
        walk.action(4, "change a profile", this::changeProfile);
        walk.action(4, "deposit", this::deposit);
        walk.action(3, "withdraw", this::withdraw);
        walk.action(2, "grant points", this::grantPoints);
        walk.action(1, "create a product", this::createProduct);
        walk.action(3, "edit a product", this::editProduct);
        walk.action(5, "fill a cart", this::fillCart);
        walk.action(2, "change a cart line", this::changeCartLine);
        walk.action(3, "check out", this::checkOut);
        walk.action(1, "open a store", () -> shops.size() < 3 && openShop());
        walk.action(2, "edit a menu or the store", this::editStore);
        walk.action(4, "order at a store", this::orderAtStore);
        walk.action(3, "pay a store order", this::payStoreOrder);
        walk.action(4, "move a store order", this::moveStoreOrder);
        walk.action(2, "register a snack", this::registerSnack);
        walk.action(2, "correct a snack", this::correctSnack);
        walk.action(3, "react to a snack", this::react);
        walk.action(2, "order snacks", this::orderSnacks);
        walk.action(3, "move a snack order", this::moveSnackOrder);
        walk.action(3, "book", this::book);
        walk.action(3, "confirm or cancel a booking", this::settleBooking);
        walk.action(3, "create a campaign", this::createCampaign);
        walk.action(4, "fund a campaign", this::fund);
        walk.action(1, "cancel a campaign", this::cancelCampaign);
        walk.action(1, "withdraw a campaign", this::withdrawCampaign);
        walk.action(1, "revise a snack order", this::reviseSnackOrder);
        walk.action(1, "change a campaign's unit", this::changeUnit);
        walk.action(1, "close a campaign", this::closeCampaign);
        walk.action(4, "give a gift", this::giveGift);
        walk.action(2, "register a coupon", this::registerCoupon);
        walk.action(2, "order with a coupon", this::useCoupon);
        walk.action(1, "resign", this::resign);
        walk.action(10, "watch a deadline fire", this::watchDeadline);
    }

    /** The people who have not resigned: only they act. */
    private List<Person> members() {
        return people.stream().filter(p -> !p.resigned).toList();
    }

    // ---------------------------------------------------------------- members, wallets, points

    private boolean join() {
        Person person = new Person("M" + (people.size() + 1), api.signUp("AsOf Member " + (people.size() + 1)));
        String walletId = person.member
                .request()
                .post("/api/wallet")
                .then()
                .statusCode(201)
                .extract()
                .path("walletId");
        // enough to book a space and back a campaign now and then
        person.member
                .request()
                .body(Map.of("amount", 150_000))
                .post("/api/wallet/deposits")
                .then()
                .statusCode(200);
        people.add(person);
        touchPerson(person);
        if (walletId != null) {
            touched.add(auditState(walletId));
        }
        log(person + " joins with an empty wallet");
        return true;
    }

    private void touchPerson(Person person) {
        touched.add(new Read(person + "'s detail", admin, "/api/admin/users/" + person.member.accountId()));
        if (!person.resigned) {
            touched.add(new Read(person + "'s /api/me", person.member, "/api/me"));
        }
        touched.add(auditState(person.member.accountId()));
        touchWallet(person);
    }

    /** A member's own reads: their token is revoked once they resigned, and nobody else reads these. */
    private void touchWallet(Person person) {
        if (!person.resigned) {
            touched.add(new Read(person + "'s wallet", person.member, "/api/wallet", Map.of("limit", 1000)));
        }
    }

    private void touchPoints(Person person) {
        if (!person.resigned) {
            touched.add(new Read(person + "'s points", person.member, "/api/me/points", Map.of("limit", 1000)));
        }
    }

    private boolean changeProfile() {
        if (random.nextInt(6) == 0) {
            // the publisher's name is shown with every campaign of theirs
            Response response = anyNode(publisher.request())
                    .body(Map.of("name", "AsOf Publisher " + random.nextInt(1000)))
                    .patch("/api/me");
            accepted(response, 200, 400);
            campaigns.keySet().forEach(this::touchCampaign);
            log("the publisher renames -> " + response.statusCode());
            return true;
        }
        Person person = pick(members());
        Map<String, Object> changes = new HashMap<>();
        switch (random.nextInt(3)) {
            case 0 -> changes.put("name", "AsOf " + person + " " + random.nextInt(1000));
            case 1 ->
                changes.put(
                        "nickname",
                        random.nextBoolean()
                                ? ""
                                : "nick-" + UUID.randomUUID().toString().substring(0, 6));
            default ->
                changes.put("gender", List.of("FEMALE", "MALE", "OTHER", "").get(random.nextInt(4)));
        }
        Response response = anyNode(person.member.request()).body(changes).patch("/api/me");
        accepted(response, 200, 400);
        touchPerson(person);
        log(person + " changes " + changes + " -> " + response.statusCode());
        return true;
    }

    private boolean deposit() {
        Person person = pick(members());
        long amount = 1_000L * (1 + random.nextInt(60));
        anyNode(person.member.request())
                .body(Map.of("amount", amount))
                .post("/api/wallet/deposits")
                .then()
                .statusCode(200);
        touchWallet(person);
        log(person + " deposits " + amount);
        return true;
    }

    private boolean withdraw() {
        Person person = pick(members());
        long amount = 500L * (1 + random.nextInt(40));
        Response response =
                anyNode(person.member.request()).body(Map.of("amount", amount)).post("/api/wallet/withdrawals");
        accepted(response, 200, 409);
        touchWallet(person);
        log(person + " withdraws " + amount + " -> " + response.statusCode());
        return true;
    }

    private boolean grantPoints() {
        Person person = pick(members());
        long amount = 100L * (1 + random.nextInt(60));
        StoreSteps.grantPoints(anyNode(admin.request()), person.member, amount, "AsOf grant");
        touchPoints(person);
        log("ADMIN grants " + person + " " + amount + " points");
        return true;
    }

    // ---------------------------------------------------------------- the shop

    private void touchProduct(String productId) {
        touched.add(new Read("product " + productId, null, "/api/products/" + productId));
        touched.add(auditState(productId));
    }

    private void touchCart(Person person) {
        if (person.resigned) {
            return;
        }
        touched.add(new Read(person + "'s open cart", person.member, "/api/cart", Map.of("limit", 1000)));
        if (person.cartId != null) {
            touched.add(new Read(
                    person + "'s cart " + person.cartId,
                    person.member,
                    "/api/carts/" + person.cartId,
                    Map.of("limit", 1000)));
            touched.add(auditState(person.cartId));
        }
    }

    private boolean createProduct() {
        if (products.size() >= 5) {
            return false;
        }
        String productId =
                ShopSteps.createProduct(admin, ShopSteps.uniqueName("AsOf Item"), 1_000L * (1 + random.nextInt(20)));
        products.add(productId);
        touchProduct(productId);
        log("ADMIN creates product " + productId);
        return true;
    }

    private boolean editProduct() {
        String productId = pick(products);
        Map<String, Object> change = switch (random.nextInt(4)) {
            case 0 -> Map.of("active", random.nextInt(3) != 0);
            case 1 -> Map.of("name", ShopSteps.uniqueName("AsOf Renamed"));
            default -> Map.of("price", 500L * (1 + random.nextInt(40)));
        };
        Response response = anyNode(admin.request()).body(change).patch("/api/products/" + productId);
        accepted(response, 200, 400, 409);
        touchProduct(productId);
        // the open carts holding it are priced with it
        people.stream().filter(p -> p.cartId != null).forEach(this::touchCart);
        log("ADMIN edits product " + productId + " " + change + " -> " + response.statusCode());
        return true;
    }

    private boolean fillCart() {
        Person person = pick(members());
        String productId = pick(products);
        Response response = anyNode(person.member.request())
                .body(Map.of("productId", productId, "quantity", 1 + random.nextInt(3)))
                .post("/api/cart/items");
        accepted(response, 200, 409);
        if (response.statusCode() == 200) {
            person.cartId = response.path("cartId");
        }
        touchCart(person);
        log(person + " adds " + productId + " -> " + response.statusCode());
        return true;
    }

    private boolean changeCartLine() {
        Person person = pickWhere(members(), p -> p.cartId != null);
        if (person == null) {
            return false;
        }
        String productId = pick(products);
        Response response = random.nextBoolean()
                ? anyNode(person.member.request()).delete("/api/cart/items/" + productId)
                : anyNode(person.member.request())
                        .body(Map.of("quantity", 1 + random.nextInt(5)))
                        .patch("/api/cart/items/" + productId);
        accepted(response, 200, 404, 409, 400);
        touchCart(person);
        log(person + " changes the line of " + productId + " -> " + response.statusCode());
        return true;
    }

    private boolean checkOut() {
        Person person = pickWhere(members(), p -> p.cartId != null);
        if (person == null) {
            return false;
        }
        Response response = anyNode(person.member.request())
                .body(Map.of("cartId", person.cartId))
                .post("/api/cart/checkout");
        accepted(response, 201, 409, 400);
        touchCart(person);
        if (response.statusCode() == 201) {
            String receiptId = response.path("receiptId");
            person.receipts.add(receiptId);
            touched.add(new Read("receipt " + receiptId, person.member, "/api/receipts/" + receiptId));
            touched.add(auditState(receiptId));
            person.cartId = null;
        }
        touched.add(new Read(
                person + "'s receipts",
                admin,
                "/api/admin/users/" + person.member.accountId() + "/receipts",
                Map.of("limit", 1000)));
        touched.add(new Read(person + "'s detail", admin, "/api/admin/users/" + person.member.accountId()));
        touchCart(person);
        log(person + " checks out -> " + response.statusCode());
        return true;
    }

    // ---------------------------------------------------------------- stores

    private void touchShop(Shop shop) {
        String storeId = shop.merchant().storeId();
        touched.add(new Read("store " + storeId, null, "/api/stores/" + storeId));
        touched.add(new Read(
                "store wallet " + storeId, admin, "/api/stores/" + storeId + "/wallet", Map.of("limit", 1000)));
        touched.add(auditState(storeId));
    }

    /** The order, and what moves with it: a gift's coupon, a coupon order's gift order and coupon. */
    private void touchStoreOrder(StoreOrder order) {
        touched.add(new Read("store order " + order.id, admin, "/api/store-orders/" + order.id));
        if (!order.customer.resigned) {
            touched.add(new Read(
                    order.kind + " " + order.id + " for its customer",
                    order.customer.member,
                    "/api/store-orders/" + order.id));
        }
        touched.add(auditState(order.id));
        touchPoints(order.customer);
        touchShop(order.shop);
        if (order.giftOrder != null) {
            touched.add(
                    new Read("store order " + order.giftOrder.id, admin, "/api/store-orders/" + order.giftOrder.id));
            touched.add(auditState(order.giftOrder.id));
        }
        if (order.coupon != null) {
            touched.add(auditState(order.coupon.code));
        }
    }

    /** An order's status as an ADMIN reads it now (a deadline, a resignation or a payment moved it). */
    private String refresh(StoreOrder order) {
        Response response = admin.request().get("/api/store-orders/" + order.id);
        response.then().statusCode(200);
        order.status = response.path("status");
        String due = response.path("paymentDueAt");
        order.paymentDueAt = order.status.equals("AWAITING_PAYMENT") && due != null ? Instant.parse(due) : null;
        String code = response.path("gift.couponCode");
        if (code != null && order.coupon == null) {
            order.coupon = coupons.computeIfAbsent(code, c -> new Coupon(c, order, couponExpiry(c)));
        }
        return order.status;
    }

    /** A coupon's status as its store_coupon_view holds it now (EXPIRED only once its deadline ran). */
    private String refresh(Coupon coupon) {
        coupon.status = admin.request()
                .get("/api/audit/aggregates/" + coupon.code + "/state")
                .then()
                .statusCode(200)
                .extract()
                .path("'store-coupons'.status");
        return coupon.status;
    }

    private Instant couponExpiry(String code) {
        return Instant.parse(admin.request()
                .get("/api/audit/aggregates/" + code + "/state")
                .then()
                .statusCode(200)
                .extract()
                .<String>path("'store-coupons'.expiresAt"));
    }

    private boolean openShop() {
        Merchant merchant = StoreSteps.openStore("AsOf Merchant " + (shops.size() + 1));
        Shop shop = new Shop(merchant, new ArrayList<>());
        for (long price : new long[] {3_000, 4_500, 0}) {
            shop.menus().add(StoreSteps.menu(merchant, "AsOf item " + price, price));
        }
        shops.add(shop);
        touchShop(shop);
        log("a merchant opens store " + merchant.storeId());
        return true;
    }

    private boolean editStore() {
        Shop shop = pick(shops);
        Response response;
        if (random.nextInt(3) == 0) {
            String which = random.nextBoolean() ? "open" : "close";
            response = anyNode(shop.merchant().request())
                    .put("/api/stores/" + shop.merchant().storeId() + "/" + which);
        } else {
            String menuId = pick(shop.menus().subList(0, 2));
            response = anyNode(shop.merchant().request())
                    .body(Map.of("price", 1_000L * (1 + random.nextInt(9))))
                    .patch("/api/stores/" + shop.merchant().storeId() + "/menus/" + menuId);
        }
        accepted(response, 200, 400, 409);
        touchShop(shop);
        log("the merchant of " + shop.merchant().storeId() + " edits -> " + response.statusCode());
        return true;
    }

    private boolean orderAtStore() {
        Person person = pick(members());
        Shop shop = pick(shops);
        String menuId = pick(shop.menus());
        long points = random.nextInt(3) == 0 ? 100L * random.nextInt(10) : 0;
        Map<String, Object> body = new HashMap<>();
        body.put("storeId", shop.merchant().storeId());
        body.put("items", List.of(Map.of("menuId", menuId, "quantity", 1 + random.nextInt(2))));
        body.put("delivery", Map.of("address", "3F, 77 Teheran-ro", "request", "At the door"));
        body.put("points", points);
        Response response = deadlineNode(person.member.request()).body(body).post("/api/store-orders");
        accepted(response, 201, 409, 400);
        if (response.statusCode() == 201) {
            String id = response.path("orderId");
            StoreOrder order = new StoreOrder(
                    id,
                    "ORDER",
                    person,
                    shop,
                    response.<Number>path("amountDue").longValue(),
                    response.path("status"));
            storeOrders.put(id, order);
            refresh(order);
            touchStoreOrder(order);
        }
        touchPoints(person);
        log(person + " orders at " + shop.merchant().storeId() + " with " + points + " points -> "
                + response.statusCode());
        return true;
    }

    private boolean payStoreOrder() {
        StoreOrder order = pickWhere(storeOrders.values(), o -> o.status.equals("AWAITING_PAYMENT"));
        if (order == null) {
            return false;
        }
        String impUid = FakePortOne.paid(order.id, order.amountDue);
        // a coupon is issued by the node that verifies its gift's payment: the second one's is short-lived
        int port = order.kind.equals("GIFT") && random.nextBoolean() || random.nextInt(3) == 0
                ? secondNode.port()
                : this.port;
        Response response = StoreSteps.webhookAt(port, impUid, order.id);
        response.then().statusCode(200);
        // PLACED (a gift: GIFTED), or REFUSED: it expired meanwhile, its customer resigned, its recipient left
        refresh(order);
        touchStoreOrder(order);
        if (order.recipient != null) {
            touchPerson(order.recipient);
        }
        log("PortOne tells that " + order.kind + " " + order.id + " is paid -> " + response.path("outcome") + " "
                + order.status);
        return true;
    }

    private boolean moveStoreOrder() {
        StoreOrder order =
                pickWhere(storeOrders.values(), o -> o.status.equals("PLACED") || o.status.equals("ACCEPTED"));
        if (order == null) {
            return false;
        }
        String to = order.status.equals("PLACED") ? (random.nextInt(4) == 0 ? "reject" : "accept") : "complete";
        RequestSpecification request = anyNode(order.shop.merchant().request());
        if (to.equals("reject")) {
            request.body(Map.of("reason", "Sold out"));
        }
        Response response = request.post("/api/store-orders/" + order.id + "/" + to);
        accepted(response, 200, 409);
        refresh(order);
        if (order.giftOrder != null) {
            // rejecting a coupon order rejects its gift order too
            refresh(order.giftOrder);
        }
        touchStoreOrder(order);
        log("the merchant " + to + "s " + order.id + " -> " + response.statusCode());
        return true;
    }

    // ---------------------------------------------------------------- gifts and coupons

    /**
     * A member gives another a store's item (stores.md, "Gifts and coupons"): a paid gift waits for its payment like an
     * order, a free one (the item priced 0) is GIFTED at once, its coupon issued by the node that took it.
     */
    private boolean giveGift() {
        List<Person> members = members();
        if (members.size() < 2) {
            return false;
        }
        Person giver = pick(members);
        Person recipient = pickWhere(members, p -> p != giver);
        Shop shop = pick(shops);
        String menuId = pick(shop.menus());
        Map<String, Object> body = new HashMap<>();
        body.put("recipientAccountId", recipient.member.accountId());
        body.put("storeId", shop.merchant().storeId());
        body.put("menuId", menuId);
        body.put("message", "For you, " + recipient);
        Response response = deadlineNode(giver.member.request()).body(body).post("/api/gifts");
        accepted(response, 201, 409);
        if (response.statusCode() == 201) {
            String id = response.path("orderId");
            StoreOrder gift = new StoreOrder(
                    id, "GIFT", giver, shop, response.<Number>path("amountDue").longValue(), response.path("status"));
            gift.recipient = recipient;
            storeOrders.put(id, gift);
            refresh(gift);
            touchStoreOrder(gift);
            touchPerson(recipient);
        }
        touchPoints(giver);
        log(giver + " gives " + recipient + " " + menuId + " at "
                + shop.merchant().storeId() + " -> " + response.statusCode() + " " + response.path("status"));
        return true;
    }

    private boolean registerCoupon() {
        Coupon coupon = pickWhere(coupons.values(), c -> c.status.equals("ISSUED") && !c.gift.recipient.resigned);
        if (coupon == null) {
            return false;
        }
        Person recipient = coupon.gift.recipient;
        Response response = anyNode(recipient.member.request())
                .body(Map.of("code", random.nextBoolean() ? coupon.code : coupon.code.toLowerCase(Locale.ROOT)))
                .post("/api/coupons/register");
        // 409 COUPON_EXPIRED once its validity ended, even before its deadline ran
        accepted(response, 200, 409);
        refresh(coupon);
        touchStoreOrder(coupon.gift);
        log(recipient + " registers coupon " + coupon.code + " -> " + response.statusCode());
        return true;
    }

    /** The recipient orders the gift's item with its coupon: a COUPON order, PLACED at once with nothing due. */
    private boolean useCoupon() {
        Coupon coupon = pickWhere(
                coupons.values(),
                c -> (c.status.equals("ISSUED") || c.status.equals("REGISTERED")) && !c.gift.recipient.resigned);
        if (coupon == null) {
            return false;
        }
        Person recipient = coupon.gift.recipient;
        Response response = anyNode(recipient.member.request())
                .body(Map.of(
                        "couponCode",
                        coupon.code,
                        "delivery",
                        Map.of("address", "5F, 12 Teheran-ro", "request", "Ring twice")))
                .post("/api/store-orders/with-coupon");
        // 409 COUPON_NOT_REGISTERED, COUPON_EXPIRED, STORE_CLOSED
        accepted(response, 201, 409);
        if (response.statusCode() == 201) {
            String id = response.path("orderId");
            StoreOrder order = new StoreOrder(id, "COUPON", recipient, coupon.gift.shop, 0, response.path("status"));
            order.giftOrder = coupon.gift;
            order.coupon = coupon;
            storeOrders.put(id, order);
            refresh(order);
            touchStoreOrder(order);
        }
        refresh(coupon);
        touchStoreOrder(coupon.gift);
        log(recipient + " orders with coupon " + coupon.code + " -> " + response.statusCode());
        return true;
    }

    // ---------------------------------------------------------------- snacks

    private void touchSnack(Snack snack) {
        if (!snack.registrant().resigned) {
            touched.add(new Read("snack " + snack.id(), snack.registrant().member, "/api/snacks/" + snack.id()));
        }
        touched.add(auditState(snack.id()));
    }

    /** Its requester's read, and an ADMIN's, which goes on after the requester resigned. */
    private void touchSnackOrder(SnackOrder order) {
        if (!order.requester.resigned) {
            touched.add(new Read("snack order " + order.id, order.requester.member, "/api/snack-orders/" + order.id));
        }
        touched.add(new Read("snack order " + order.id + " for an ADMIN", admin, "/api/snack-orders/" + order.id));
        touched.add(auditState(order.id));
    }

    private boolean registerSnack() {
        if (snacks.size() >= 8) {
            return false;
        }
        Person person = pick(members());
        Snack snack = new Snack(SnackCalls.registered(person.member, "AsOf Chips"), person);
        snacks.add(snack);
        touchSnack(snack);
        log(person + " registers snack " + snack.id());
        return true;
    }

    private boolean correctSnack() {
        if (snacks.isEmpty()) {
            return false;
        }
        Snack snack = pick(snacks);
        Map<String, Object> change = switch (random.nextInt(5)) {
            case 0 -> Map.of("price", 100L * (1 + random.nextInt(50)));
            case 1 -> Map.of("description", "Corrected " + random.nextInt(1000));
            case 2 -> Map.of("url", "https://shop.example/" + UUID.randomUUID());
            case 3 -> Map.of("imageUrl", "https://img.example/" + UUID.randomUUID() + ".png");
            default -> Map.of("retired", true);
        };
        Response response = change.containsKey("retired") || snack.registrant().resigned
                ? anyNode(admin.request()).post("/api/snacks/" + snack.id() + "/retire")
                : anyNode(snack.registrant().member.request()).body(change).patch("/api/snacks/" + snack.id());
        accepted(response, 200, 409);
        touchSnack(snack);
        snackOrders.values().stream().filter(o -> o.status.equals("CREATED")).forEach(this::touchSnackOrder);
        log(snack.registrant() + " corrects snack " + snack.id() + " " + change + " -> " + response.statusCode());
        return true;
    }

    private boolean react() {
        if (snacks.isEmpty()) {
            return false;
        }
        Snack snack = pick(snacks);
        Person person = pick(members());
        Response response = random.nextInt(4) == 0
                ? anyNode(person.member.request()).delete("/api/snacks/" + snack.id() + "/reaction")
                : anyNode(person.member.request())
                        .body(Map.of("type", random.nextInt(4) == 0 ? "HATE" : "LIKE"))
                        .put("/api/snacks/" + snack.id() + "/reaction");
        accepted(response, 200, 409);
        touchSnack(snack);
        touched.add(new Read(person + "'s view of snack " + snack.id(), person.member, "/api/snacks/" + snack.id()));
        log(person + " reacts to " + snack.id() + " -> " + response.statusCode());
        return true;
    }

    private boolean orderSnacks() {
        if (snacks.isEmpty()) {
            return false;
        }
        Person person = pick(members());
        Snack snack = pick(snacks);
        Response response = anyNode(person.member.request())
                .body(Map.of("items", List.of(Map.of("snackId", snack.id(), "quantity", 1 + random.nextInt(4)))))
                .post("/api/snack-orders");
        accepted(response, 201, 409);
        if (response.statusCode() == 201) {
            SnackOrder order = new SnackOrder(response.path("orderId"), person);
            snackOrders.put(order.id, order);
            touchSnackOrder(order);
        }
        touchSnack(snack);
        log(person + " orders snack " + snack.id() + " -> " + response.statusCode());
        return true;
    }

    private boolean reviseSnackOrder() {
        SnackOrder order = pickWhere(snackOrders.values(), o -> o.status.equals("CREATED") && !o.requester.resigned);
        if (order == null) {
            return false;
        }
        Snack snack = pick(snacks);
        Response response = anyNode(order.requester.member.request())
                .body(Map.of("items", List.of(Map.of("snackId", snack.id(), "quantity", 1 + random.nextInt(5)))))
                .put("/api/snack-orders/" + order.id + "/items");
        accepted(response, 200, 409);
        touchSnackOrder(order);
        snacks.forEach(this::touchSnack);
        log(order.requester + " revises snack order " + order.id + " -> " + response.statusCode());
        return true;
    }

    private static final Map<String, String> NEXT_SNACK_STATUS =
            Map.of("CREATED", "APPROVED", "APPROVED", "ORDERED", "ORDERED", "SHIPPING", "SHIPPING", "COMPLETED");

    private boolean moveSnackOrder() {
        SnackOrder order = pickWhere(snackOrders.values(), o -> NEXT_SNACK_STATUS.containsKey(o.status));
        if (order == null) {
            return false;
        }
        Response response;
        if (order.status.equals("CREATED") && random.nextInt(4) == 0 && !order.requester.resigned) {
            response = anyNode(order.requester.member.request()).post("/api/snack-orders/" + order.id + "/cancel");
        } else {
            Map<String, Object> body = new HashMap<>();
            String next = random.nextInt(6) == 0 && order.status.equals("APPROVED")
                    ? "CANCELED"
                    : NEXT_SNACK_STATUS.get(order.status);
            body.put("status", next);
            if (next.equals("ORDERED") || next.equals("SHIPPING")) {
                body.put(
                        "estimatedArrival",
                        LocalDate.now(ZoneOffset.UTC)
                                .plusDays(3 + random.nextInt(5))
                                .toString());
            }
            response = anyNode(admin.request()).body(body).post("/api/snack-orders/" + order.id + "/status");
        }
        accepted(response, 200, 409);
        if (response.statusCode() == 200) {
            order.status = response.path("status");
        }
        touchSnackOrder(order);
        log("snack order " + order.id + " moves -> " + response.statusCode() + " " + order.status);
        return true;
    }

    // ---------------------------------------------------------------- bookings

    private void touchBooking(Booking booking) {
        touched.add(new Read("booking " + booking.id, admin, "/api/bookings/" + booking.id));
        if (!booking.guest.resigned) {
            touched.add(new Read(
                    "booking " + booking.id + " for its guest", booking.guest.member, "/api/bookings/" + booking.id));
        }
        touched.add(auditState(booking.id));
        touchWallet(booking.guest);
        touched.add(new Read("the host's wallet", host, "/api/wallet", Map.of("limit", 1000)));
    }

    private String refresh(Booking booking) {
        booking.status = admin.request()
                .get("/api/bookings/" + booking.id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
        return booking.status;
    }

    private boolean book() {
        Person guest = pick(members());
        LocalDate date = BookingApi.inDays(10 + random.nextInt(200));
        String option = List.of("DAY", "NIGHT", "ALL_DAY").get(random.nextInt(3));
        Response response = deadlineNode(guest.member.request())
                .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", option, "headcount", 4))
                .post("/api/bookings");
        accepted(response, 201, 409);
        if (response.statusCode() == 201) {
            Booking booking =
                    new Booking(response.path("bookingId"), guest, Instant.parse(response.path("holdExpiresAt")));
            bookings.put(booking.id, booking);
            touchBooking(booking);
        }
        touchWallet(guest);
        log(guest + " books " + option + " on " + date + " -> " + response.statusCode());
        return true;
    }

    private boolean settleBooking() {
        Booking booking = pickWhere(bookings.values(), b -> b.status.equals("PENDING") || b.status.equals("CONFIRMED"));
        if (booking == null) {
            return false;
        }
        // a resigned guest's booking is the host's to cancel (a paid one: 409 GUEST_LEFT)
        boolean confirm = booking.status.equals("PENDING") && random.nextInt(3) != 0 && !booking.guest.resigned;
        Member by = !booking.guest.resigned && (confirm || random.nextBoolean()) ? booking.guest.member : host;
        Response response =
                anyNode(by.request()).post("/api/bookings/" + booking.id + (confirm ? "/confirm" : "/cancel"));
        // 409 HOLD_EXPIRED past its hold, INVALID_TRANSITION once its deadline expired it
        accepted(response, 200, 409);
        refresh(booking);
        touchBooking(booking);
        log("booking " + booking.id + (confirm ? " confirmed" : " cancelled") + " -> " + response.statusCode());
        return true;
    }

    // ---------------------------------------------------------------- campaigns

    private void touchCampaign(String campaignId) {
        touched.add(new Read("campaign " + campaignId, admin, "/api/campaigns/" + campaignId));
        touched.add(new Read("campaign " + campaignId + " anonymously", null, "/api/campaigns/" + campaignId));
        touched.add(auditState(campaignId));
        touched.add(new Read("the publisher's wallet", publisher, "/api/wallet", Map.of("limit", 1000)));
    }

    /**
     * A third of the campaigns end in 30 days, the others a few seconds on, by their deadline (SUCCESS with a backer or
     * two, otherwise CANCEL).
     */
    private boolean createCampaign() {
        if (campaigns.size() >= 6) {
            return false;
        }
        long unit = 1_000L * (1 + random.nextInt(5));
        boolean soon = random.nextInt(3) != 0;
        Instant endsAt = soon
                ? Instant.now().plusSeconds(4 + random.nextInt(6))
                : Instant.now().plus(Duration.ofDays(30));
        String id = CampaignSteps.createCampaign(
                publisher,
                ShopSteps.uniqueName("AsOf Campaign"),
                soon ? unit * (1 + random.nextInt(2)) : unit * 4,
                unit,
                endsAt);
        campaigns.put(id, new Campaign(id, endsAt));
        touchCampaign(id);
        log("the publisher creates campaign " + id + " ending at " + endsAt);
        return true;
    }

    private String refresh(Campaign campaign) {
        Response response = admin.request().get("/api/campaigns/" + campaign.id);
        accepted(response, 200, 404);
        campaign.status = response.statusCode() == 404 ? "WITHDRAWN" : response.path("status");
        return campaign.status;
    }

    /** The publisher closes a campaign that succeeded at its end. */
    private boolean closeCampaign() {
        Campaign campaign = pickWhere(campaigns.values(), c -> c.status.equals("SUCCESS"));
        if (campaign == null) {
            return false;
        }
        Response response = anyNode(publisher.request()).post("/api/campaigns/" + campaign.id + "/close");
        accepted(response, 200);
        refresh(campaign);
        touchCampaign(campaign.id);
        log("the publisher closes " + campaign.id + " -> " + response.statusCode());
        return true;
    }

    private boolean fund() {
        if (campaigns.isEmpty()) {
            return false;
        }
        String campaignId = pick(List.copyOf(campaigns.keySet()));
        Person backer = pick(members());
        Response response = anyNode(backer.member.request()).post("/api/campaigns/" + campaignId + "/fundings");
        // a withdrawn campaign is gone: 404; an ended one 409 CAMPAIGN_NOT_FUNDING
        accepted(response, 201, 404, 409);
        touchCampaign(campaignId);
        touchWallet(backer);
        log(backer + " funds " + campaignId + " -> " + response.statusCode());
        return true;
    }

    private boolean cancelCampaign() {
        String campaignId =
                pickWhere(campaigns.keySet(), id -> campaigns.get(id).status.equals("FUNDING"));
        if (campaignId == null) {
            return false;
        }
        Response response = anyNode(admin.request()).post("/api/campaigns/" + campaignId + "/cancel");
        accepted(response, 200, 409);
        refresh(campaigns.get(campaignId));
        touchCampaign(campaignId);
        people.forEach(this::touchWallet);
        log("ADMIN cancels " + campaignId + " -> " + response.statusCode());
        return true;
    }

    /** A withdrawn campaign answers 404, though as of an earlier instant it is still shown (funding.md, "Lists"). */
    private boolean withdrawCampaign() {
        String campaignId =
                pickWhere(campaigns.keySet(), id -> campaigns.get(id).status.equals("FUNDING"));
        if (campaignId == null) {
            return false;
        }
        Response response = anyNode(publisher.request()).delete("/api/campaigns/" + campaignId);
        accepted(response, 200, 204, 409);
        refresh(campaigns.get(campaignId));
        touchCampaign(campaignId);
        people.forEach(this::touchWallet);
        log("the publisher withdraws " + campaignId + " -> " + response.statusCode());
        return true;
    }

    private boolean changeUnit() {
        String campaignId =
                pickWhere(campaigns.keySet(), id -> campaigns.get(id).status.equals("FUNDING"));
        if (campaignId == null) {
            return false;
        }
        Response response = anyNode(publisher.request())
                .body(Map.of("fundingUnit", 1_000L * (1 + random.nextInt(5))))
                .patch("/api/campaigns/" + campaignId);
        accepted(response, 200, 409, 400);
        touchCampaign(campaignId);
        log("the publisher changes the unit of " + campaignId + " -> " + response.statusCode());
        return true;
    }

    // ---------------------------------------------------------------- resignations

    /**
     * A member resigns (api.md, "DELETE /api/me"), having taken out what their wallet holds (money held for a pending
     * booking or a funding refuses it: 409 {@code WALLET_NOT_EMPTY}). Their token is revoked with it, and nobody else
     * may read their wallet, points, cart or their own view of a booking, so every answer they read themselves is read
     * again as of its instant first, at both ends, and not after. What the resignation winds up is read then: their
     * unused coupons withdrawn and paid gifts to them refunded, their snack orders still CREATED canceled; an ADMIN
     * reads on their profile, orders, bookings and snack orders, whose answers from before it are read again as of
     * then to the end of the walk.
     */
    private boolean resign() {
        List<Person> members = members();
        if (members.size() <= 3 || people.size() - members.size() >= 2) {
            return false;
        }
        // one who holds no money for a pending booking or a funding, else the resignation is refused
        Person leaving = null;
        long available = 0;
        List<Person> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, random);
        for (Person candidate : shuffled) {
            Response wallet = candidate.member.request().get("/api/wallet");
            wallet.then().statusCode(200);
            if (wallet.<Number>path("held").longValue() == 0 || candidate == shuffled.get(shuffled.size() - 1)) {
                leaving = candidate;
                available = wallet.<Number>path("balance").longValue();
                break;
            }
        }
        Person person = leaving;
        if (available > 0) {
            anyNode(person.member.request())
                    .body(Map.of("amount", available))
                    .post("/api/wallet/withdrawals")
                    .then()
                    .statusCode(200);
        }
        recheckReadsBy(person);
        Response response = anyNode(person.member.request()).delete("/api/me");
        accepted(response, 204, 409);
        if (response.statusCode() == 204) {
            person.resigned = true;
            resignedReaders.add(person.member.accountId());
            for (StoreOrder order : storeOrders.values()) {
                if (order.customer == person || order.recipient == person) {
                    refresh(order);
                    touchStoreOrder(order);
                }
            }
            for (Coupon coupon : coupons.values()) {
                if (coupon.gift.recipient == person) {
                    refresh(coupon);
                }
            }
            for (SnackOrder order : snackOrders.values()) {
                if (order.requester == person) {
                    order.status = admin.request()
                            .get("/api/snack-orders/" + order.id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    touchSnackOrder(order);
                }
            }
            bookings.values().stream().filter(b -> b.guest == person).forEach(this::touchBooking);
            touched.add(new Read(
                    person + "'s receipts",
                    admin,
                    "/api/admin/users/" + person.member.accountId() + "/receipts",
                    Map.of("limit", 1000)));
        }
        touchPerson(person);
        touchWallet(person);
        log(person + " takes out " + available + " and resigns -> " + response.statusCode());
        return true;
    }

    /** Every answer {@code person} read themselves, read again as of its instant, at both ends of its interval. */
    private void recheckReadsBy(Person person) {
        List<Seen> theirs = seen.stream()
                .filter(kept -> kept.read().reader() != null
                        && kept.read().reader().accountId().equals(person.member.accountId()))
                .toList();
        recheck(theirs, theirs.size(), true);
    }

    // ---------------------------------------------------------------- deadlines

    /** A deadline the walk waits for: when it is due, whether it has run (reading the object), what to read then. */
    record Deadline(String what, Instant due, BooleanSupplier ran, Runnable touch) {}

    /**
     * Waits for a deadline due within a few seconds, or past, to run (stores.md, booking.md, funding.md): an order
     * left unpaid expires, a booking's hold expires, a coupon expires unused (its paid gift refunded), a campaign ends.
     * The object was read when it was made; it is read again at its due instant when the deadline has not run yet, and
     * once it has.
     */
    private boolean watchDeadline() {
        List<Deadline> due = dueBy(Instant.now().plusMillis(2500));
        if (due.isEmpty()) {
            return false;
        }
        watch(pick(due));
        return true;
    }

    /**
     * A last step: every deadline still to run that is due within a few seconds is waited for, so that every walk sees
     * some (the second node's are due 6 to 10 s after the step that started them).
     */
    private void watchTheLastDeadlines() {
        walk.nextStep();
        List<Deadline> due = new ArrayList<>(dueBy(Instant.now().plusSeconds(12)));
        due.sort(Comparator.comparing(Deadline::due));
        due.forEach(this::watch);
        observe();
    }

    /** The deadlines the walk knows of that have not run by its model, due by {@code horizon}. */
    private List<Deadline> dueBy(Instant horizon) {
        List<Deadline> due = new ArrayList<>();
        for (StoreOrder order : storeOrders.values()) {
            if (order.status.equals("AWAITING_PAYMENT")
                    && order.paymentDueAt != null
                    && order.paymentDueAt.isBefore(horizon)) {
                due.add(new Deadline(
                        "an unpaid " + order.kind + " expires",
                        order.paymentDueAt,
                        () -> !refresh(order).equals("AWAITING_PAYMENT"),
                        () -> touchStoreOrder(order)));
            }
        }
        for (Booking booking : bookings.values()) {
            if (booking.status.equals("PENDING") && booking.holdExpiresAt.isBefore(horizon)) {
                due.add(new Deadline(
                        "a booking's hold expires",
                        booking.holdExpiresAt,
                        () -> !refresh(booking).equals("PENDING"),
                        () -> touchBooking(booking)));
            }
        }
        for (Coupon coupon : coupons.values()) {
            if ((coupon.status.equals("ISSUED") || coupon.status.equals("REGISTERED"))
                    && coupon.expiresAt.isBefore(horizon)) {
                due.add(new Deadline(
                        "a coupon expires" + (coupon.gift.amountDue > 0 ? ", its gift refunded" : ""),
                        coupon.expiresAt,
                        () -> {
                            String status = refresh(coupon);
                            refresh(coupon.gift);
                            return !status.equals("ISSUED") && !status.equals("REGISTERED");
                        },
                        () -> touchStoreOrder(coupon.gift)));
            }
        }
        for (Campaign campaign : campaigns.values()) {
            if (campaign.status.equals("FUNDING") && campaign.endsAt.isBefore(horizon)) {
                due.add(new Deadline(
                        "a campaign ends",
                        campaign.endsAt,
                        () -> !refresh(campaign).equals("FUNDING"),
                        () -> {
                            touchCampaign(campaign.id);
                            members().forEach(this::touchWallet);
                        }));
            }
        }
        return due;
    }

    private void watch(Deadline deadline) {
        long waitMillis = Duration.between(Instant.now(), deadline.due()).toMillis();
        if (waitMillis > 0) {
            LockSupport.parkNanos(Duration.ofMillis(waitMillis + 1).toNanos());
        }
        if (!deadline.ran().getAsBoolean()) {
            // due, not run yet: what a read answers now, an as-of read answers later, after it ran
            deadline.touch().run();
            observe();
            long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!deadline.ran().getAsBoolean()) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError(
                            deadline.what() + ": its deadline, due at " + deadline.due() + ", has not run 20 s on");
                }
                LockSupport.parkNanos(100_000_000);
            }
        }
        deadline.touch().run();
        deadlinesSeen.merge(deadline.what(), 1, Integer::sum);
        log("waits for the deadline due at " + deadline.due() + ": " + deadline.what());
    }

    // ---------------------------------------------------------------- reading and keeping

    /** Every read model of the aggregate, as an ADMIN reads it (to anyone else it is a 401, which told nothing). */
    private Read auditState(String aggregateId) {
        return new Read("audit state of " + aggregateId, admin, "/api/audit/aggregates/" + aggregateId + "/state");
    }

    /**
     * Reads what the step touched, then takes t: the database's clock after the reads, no earlier than the last event
     * recorded. Reads that saw an event committed meanwhile (a deadline, a step a process manager took) are taken
     * again, so that the answers are those of one quiet interval.
     */
    private void observe() {
        Map<Read, Answer> answers = new LinkedHashMap<>();
        Map<String, Object> after = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = maxIndex();
            answers.clear();
            for (Read read : touched) {
                answers.put(read, read(read, null));
            }
            after = jdbc.sql("SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry) AS upto,"
                            + " clock_timestamp() AS now")
                    .query((row, n) -> Map.<String, Object>of(
                            "upto", row.getLong("upto"), "now", row.getObject("now", OffsetDateTime.class)))
                    .single();
            if (((Number) after.get("upto")).longValue() == before) {
                break;
            }
            log("an event was committed while the step's reads were taken: read again");
        }
        long upTo = ((Number) after.get("upto")).longValue();
        Instant recorded = recordedAt("SELECT max(time_stamp::timestamptz) FROM domain_event_entry"
                + " WHERE global_index > " + knownIndex + " AND global_index <= " + upTo);
        if (recorded != null && recorded.isAfter(lastRecorded)) {
            lastRecorded = recorded;
        }
        knownIndex = upTo;
        Instant now = ((OffsetDateTime) after.get("now")).toInstant();
        Instant t = now.isAfter(lastRecorded) ? now : lastRecorded;
        List<Long> missingBelow = jdbc.sql("SELECT s FROM generate_series(greatest(1, :upTo - 2000), :upTo) s"
                        + " WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = s)")
                .param("upTo", upTo)
                .query(Long.class)
                .list();
        Moment moment = new Moment(walk.step(), t, upTo, lastRecorded, missingBelow);
        answers.forEach((read, answer) -> seen.add(new Seen(moment, read, answer)));
        touched.clear();
        // the nodes' clocks read PostgreSQL's within a fraction of a millisecond: the next step's events come after t
        LockSupport.parkNanos(3_000_000);
    }

    private Answer read(Read read, String asOf) {
        if (asOf != null && read.path().equals("/api/me")) {
            // /api/me takes no asOf: what a member read of themselves an ADMIN reads as of then (api.md, "GET
            // /api/admin/users/{id}?asOf=&knownAt=": the profile as it was at asOf)
            return profileOf(read(
                    new Read(
                            read.what(),
                            admin,
                            "/api/admin/users/" + read.reader().accountId()),
                    asOf));
        }
        RequestSpecification request =
                read.reader() == null ? client() : read.reader().request();
        request.queryParams(read.query());
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        Response response = request.get(read.path());
        if (response.statusCode() >= 500) {
            throw new AssertionError(read.what() + " answered " + response.statusCode() + ": " + response.asString());
        }
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), response.path("code"));
        }
        Answer answer = new Answer(200, response.path(""));
        return read.path().equals("/api/me") ? profileOf(answer) : answer;
    }

    private static final List<String> PROFILE =
            List.of("accountId", "email", "name", "nickname", "gender", "roles", "signedUpAt", "status");

    /** The fields {@code /api/me} answers, roles in order. */
    @SuppressWarnings("unchecked")
    private static Answer profileOf(Answer answer) {
        if (!(answer.body() instanceof Map<?, ?> body)) {
            return answer;
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        for (String field : PROFILE) {
            Object value = body.get(field);
            profile.put(
                    field,
                    value instanceof List<?> list
                            ? list.stream().map(String::valueOf).sorted().toList()
                            : value);
        }
        return new Answer(answer.status(), profile);
    }

    /**
     * Reads {@code count} kept answers again (all when as many), each as of an instant of its quiet interval, and with
     * {@code bothEnds} as of its two ends too.
     */
    private void recheck(int count, boolean bothEnds) {
        // a resigned member's token reads no more (their own answers were read again as they resigned); what they
        // read of themselves through /api/me an ADMIN reads as of then
        recheck(
                seen.stream()
                        .filter(kept -> kept.read().reader() == null
                                || kept.read().path().equals("/api/me")
                                || !resignedReaders.contains(
                                        kept.read().reader().accountId()))
                        .toList(),
                count,
                bothEnds);
    }

    private void recheck(List<Seen> from, int count, boolean bothEnds) {
        List<Seen> sample = new ArrayList<>(from);
        if (count < sample.size()) {
            Collections.shuffle(sample, random);
            sample = sample.subList(0, count);
        }
        Map<Long, Instant> nextRecorded = new HashMap<>();
        for (Seen kept : sample) {
            Moment moment = kept.moment();
            Instant next = nextRecorded.computeIfAbsent(moment.upToIndex(), index -> firstRecordedAfter(moment));
            if (next != null && !next.isAfter(moment.t())) {
                // a transaction stamped at or before t committed after the reads (a deadline, a process manager's
                // step): what it recorded shows as of t, and no read at t could see it (api.md, "As of")
                committingAtT++;
                log("step " + moment.step() + ": an event recorded at " + next + ", not after t " + moment.t()
                        + ", was committing at t: its answers are not compared");
                continue;
            }
            // t, the quiet interval's ends (the last event's instant; 1 ns before the next one) and a few points inside
            List<Instant> instants = new ArrayList<>(List.of(moment.t(), moment.lastRecorded()));
            Instant end = next == null ? moment.t().plusMillis(2) : next.minusNanos(1);
            instants.add(end);
            instants.add(moment.lastRecorded()
                    .plus(Duration.between(moment.lastRecorded(), end).dividedBy(2)));
            for (Instant near : List.of(
                    moment.t().minusMillis(1),
                    moment.t().minusNanos(1),
                    moment.t().plusNanos(1),
                    moment.t().plusMillis(1))) {
                if (!near.isBefore(moment.lastRecorded()) && !near.isAfter(end)) {
                    instants.add(near);
                }
            }
            if (bothEnds) {
                // an as-of read that drops the event recorded at the instant asked, or takes one recorded just after
                compare(kept, moment.lastRecorded());
                compare(kept, end);
            }
            compare(kept, pick(instants));
        }
    }

    private void compare(Seen kept, Instant asOf) {
        rechecked++;
        String written =
                random.nextInt(4) == 0 ? WITH_OFFSET.format(asOf.atOffset(ZoneOffset.ofHours(9))) : asOf.toString();
        Answer now = read(kept.read(), written);
        Object expected = comparable(kept.read(), kept.answer());
        Object actual = comparable(kept.read(), now);
        if (!Objects.equals(expected, actual)) {
            String line = "step " + kept.moment().step() + ": " + kept.read().what() + " "
                    + kept.read().path()
                    + " read at " + kept.moment().t() + " (last event "
                    + kept.moment().lastRecorded()
                    + "), as of " + written + ":\n    then  " + expected + "\n    as of " + actual;
            disagreements.add(line);
            System.out.println("AsOfOracleIT disagreement at " + line);
        }
    }

    /**
     * The answer without what an as-of read legitimately answers differently: the echoed instant ({@code asOf} of the
     * wallet, api.md "GET /api/wallet"; of a store, stores.md "GET /api/stores/{id}"; of a cart, shop.md "the one open
     * at asOf"; of a booking, booking.md "and asOf when asked"), and a snack's {@code requestable}, which "is null as of
     * an instant" (snack.md "GET /api/snacks/{id}").
     */
    @SuppressWarnings("unchecked")
    private static Object comparable(Read read, Answer answer) {
        if (!(answer.body() instanceof Map<?, ?> body)) {
            return answer;
        }
        Map<String, Object> stripped = new LinkedHashMap<>((Map<String, Object>) body);
        stripped.remove("asOf");
        if (read.path().startsWith("/api/snacks/")) {
            stripped.remove("requestable");
        }
        return new Answer(answer.status(), stripped);
    }

    // ---------------------------------------------------------------- plumbing

    private long maxIndex() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** The first instant recorded after the moment's reads: by a later position, or one missing from them then. */
    private Instant firstRecordedAfter(Moment moment) {
        Instant later = recordedAt("SELECT min(time_stamp::timestamptz) FROM domain_event_entry WHERE global_index > "
                + moment.upToIndex());
        if (moment.missingBelow().isEmpty()) {
            return later;
        }
        Instant late = jdbc.sql("SELECT min(time_stamp::timestamptz) FROM domain_event_entry"
                        + " WHERE global_index IN (:missing)")
                .param("missing", moment.missingBelow())
                .query((row, n) -> row.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant)
                .orElse(null);
        return late == null || (later != null && later.isBefore(late)) ? later : late;
    }

    /** The instant a query of one timestamp answers, null for none. */
    private Instant recordedAt(String sql) {
        OffsetDateTime at = jdbc.sql(sql)
                .query((row, n) -> row.getObject(1, OffsetDateTime.class))
                .list()
                .get(0);
        return at == null ? null : at.toInstant();
    }

    private void accepted(Response response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                if (status >= 400) {
                    refusals.merge(response.<String>path("code"), 1, Integer::sum);
                }
                return;
            }
        }
        throw new AssertionError("answered " + response.statusCode() + ": " + response.asString());
    }

    /** A node for a write that starts a deadline: the second one, whose deadlines are short, one time in two. */
    private RequestSpecification deadlineNode(RequestSpecification request) {
        return random.nextBoolean() ? request.port(secondNode.port()) : request;
    }

    /** A node for a write: the test's own, or the second (a command node) one time in three. */
    private RequestSpecification anyNode(RequestSpecification request) {
        return random.nextInt(3) == 0 ? request.port(secondNode.port()) : request;
    }

    private void log(String line) {
        walk.log(line);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private <T> T pickWhere(Collection<T> from, Predicate<T> which) {
        List<T> candidates = from.stream().filter(which).toList();
        return candidates.isEmpty() ? null : pick(candidates);
    }
}
