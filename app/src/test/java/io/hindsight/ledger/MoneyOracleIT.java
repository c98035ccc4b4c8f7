package io.hindsight.ledger;

import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.booking.BookingApi;
import io.hindsight.store.StoreSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.RandomWalk;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A seeded random walk of mixed business flows - wallets (deposits, withdrawals, a deposit retried with one
 * Idempotency-Key), points granted and spent, store orders paid at PortOne (paid, failed, another amount, delivered
 * twice), merchants accepting, rejecting and completing, ADMINs rejecting, PortOne refunding in full or in part from its
 * console, MERCHANT taken away and given back, gifts (paid and free) and their coupons, campaigns backed, edited, ended
 * (success and failure), cancelled, withdrawn and closed, bookings paid from wallets and cancelled, members resigning -
 * a third of the writes sent to a second (command) node, and races run on both nodes at once where the docs promise
 * one winner. Beside it runs a reference model written from DOMAIN.md, docs/stores.md, docs/funding.md and
 * docs/booking.md (not from the product code) of who should hold how much: every wallet, points balance, store
 * wallet, order, coupon, booking and campaign, and what PortOne should still hold of every payment. After every step
 * what it touched is compared with the model (a first read that disagrees is printed, since a write's answer should be
 * followed by reads that include it, and the comparison then waits for a later one to agree), and everything every
 * few steps and at the end, with each statement adding up to its balance and resigned accounts read from the ledger's
 * rows; then the ledger check must find no violation, every projection caught up and nothing parked. The seed is printed; {@code -Dmoney.seed=...}
 * repeats a walk's choices ({@code -Dmoney.steps=} sets its length).
 */
class MoneyOracleIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    JdbcClient jdbc;

    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(20);
    private static final int FULL_CHECK_EVERY = 40;
    private static final int POINTS_RATE_PERCENT = 1;
    private static final int FREE_GIFT_LIMIT = 10;

    private Random random;
    private Member admin;
    private Person publisher;
    private final List<Person> people = new ArrayList<>();
    private final List<Shop> shops = new ArrayList<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Coupon> coupons = new LinkedHashMap<>();
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, Booking> bookings = new LinkedHashMap<>();
    private Person host;
    private String spaceId;
    /** What PortOne should hold of every payment made: {@code paid}, {@code cancelled} or {@code failed}. */
    private final Map<String, String> provider = new LinkedHashMap<>();

    private final Set<Person> touchedPeople = new LinkedHashSet<>();
    private final Set<Shop> touchedShops = new LinkedHashSet<>();
    private final Set<Order> touchedOrders = new LinkedHashSet<>();
    private final Set<Campaign> touchedCampaigns = new LinkedHashSet<>();
    private final Set<Booking> touchedBookings = new LinkedHashSet<>();
    private RandomWalk walk;
    private int memberCount;

    // ---------------------------------------------------------------- the model

    static final class Person {
        final String name;
        final Member member;
        long wallet;
        long walletHeld;
        long points;
        long pointsHeld;
        boolean resigned;

        Person(String name, Member member) {
            this.name = name;
            this.member = member;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Item(String menuId, long price) {}

    static final class Shop {
        final String name;
        final String email;
        final String password;
        Merchant merchant;
        final List<Item> items = new ArrayList<>();
        boolean open = true;
        /** An ADMIN took MERCHANT away: nobody serves its orders until it is given back. */
        boolean merchantLeft;

        long wallet;

        Shop(String name, String email, String password, Merchant merchant) {
            this.name = name;
            this.email = email;
            this.password = password;
            this.merchant = merchant;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Order {
        final String id;
        final String kind;
        final Person customer;
        final Shop shop;
        final long amountDue;
        final long pointsUsed;
        String status;
        /** The payment that placed it (ORDER, GIFT). */
        String impUid;

        long amountPaid;
        /** ORDER, once completed: none for a customer who resigned before (PaymentsIT). */
        long pointsEarned;

        boolean cancelledAtProvider;
        /** GIFT: the recipient and the coupon issued; COUPON: the coupon used and its gift. */
        Person recipient;

        Coupon coupon;
        Order gift;

        Order(String id, String kind, Person customer, Shop shop, long amountDue, long pointsUsed, String status) {
            this.id = id;
            this.kind = kind;
            this.customer = customer;
            this.shop = shop;
            this.amountDue = amountDue;
            this.pointsUsed = pointsUsed;
            this.status = status;
        }

        @Override
        public String toString() {
            return kind + " " + id.substring(0, 8) + " of " + customer + " at " + shop + " (" + status + ", due "
                    + amountDue + ", points " + pointsUsed + ")";
        }
    }

    static final class Coupon {
        final String code;
        final Person recipient;
        final Person giver;
        final Order gift;
        final Item item;
        String status = "ISSUED";
        Order usedBy;

        Coupon(String code, Person recipient, Person giver, Order gift, Item item) {
            this.code = code;
            this.recipient = recipient;
            this.giver = giver;
            this.gift = gift;
            this.item = item;
        }

        boolean unused() {
            return status.equals("ISSUED") || status.equals("REGISTERED");
        }

        @Override
        public String toString() {
            return "coupon " + code.substring(0, 6) + " for " + recipient + " (" + status + ")";
        }
    }

    static final class Campaign {
        final String id;
        final long target;
        long unit;
        String status = "FUNDING";
        boolean withdrawn;
        final Map<Person, Long> backers = new LinkedHashMap<>();

        Campaign(String id, long target, long unit) {
            this.id = id;
            this.target = target;
            this.unit = unit;
        }

        long total() {
            return backers.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return "campaign " + id.substring(0, 8) + " (" + status + ", " + total() + "/" + target + ")";
        }
    }

    static final class Booking {
        final String id;
        final Person guest;
        final LocalDate date;
        final String option;
        final long price;
        String status = "PENDING";
        String payment = "HELD";

        Booking(String id, Person guest, LocalDate date, String option, long price) {
            this.id = id;
            this.guest = guest;
            this.date = date;
            this.option = option;
            this.price = price;
        }

        boolean live() {
            return status.equals("PENDING") || status.equals("CONFIRMED");
        }

        @Override
        public String toString() {
            return "booking " + option + " " + date + " of " + guest + " (" + status + ", " + payment + ")";
        }
    }

    // ---------------------------------------------------------------- the walk

    @Test
    void everyBalanceCouponOrderAndCampaignAgreesWithAReferenceModelThroughARandomWalk() throws Exception {
        walk = new RandomWalk("MoneyOracleIT", "money.seed");
        int steps = Integer.getInteger("money.steps", 260);
        random = walk.random();
        registerActions();
        admin = api.admin();
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);

        publisher = new Person("Publisher", api.withRoles("Oracle Publisher", "PUBLISHER"));
        for (int i = 0; i < 4; i++) {
            join();
        }
        for (int i = 0; i < 2; i++) {
            openShop();
        }
        host = new Person("Host", api.withRoles("Oracle Host", "HOST"));
        host.member.request().post("/api/wallet").then().statusCode(201);
        spaceId = registerSpace();
        people.add(host);
        walk.reportingFailures(40, () -> {
            walk.walk(steps, step -> {
                takeOneStep();
                checkTouched();
                if (step % FULL_CHECK_EVERY == 0) {
                    checkEverything(false);
                }
            });
            checkEverything(true);
            Projections.awaitAllCaughtUp(admin);
            LedgerSteps.assertLedgerHolds(admin);
            assertThat(Projections.deadLetters(admin))
                    .as("events parked during the walk")
                    .isEqualTo(deadLettersBefore);
        });
        System.out.println("MoneyOracleIT steps taken: " + walk.taken());
        System.out.println("MoneyOracleIT reads that agreed only later: " + walk.staleReads());
    }

    private void takeOneStep() {
        if (!walk.takeOneStep()) {
            deposit();
        }
    }

    private void registerActions() {
        walk.action(4, "deposit", this::deposit);
        walk.action(3, "withdraw", this::withdraw);
        walk.action(1, "deposit twice with one key on both nodes", this::idempotentDepositRace);
        walk.action(1, "withdraw on both nodes", this::withdrawalRace);
        walk.action(2, "grant points", this::grantPoints);
        walk.action(7, "order", this::order);
        walk.action(1, "spend the same points on both nodes", this::pointsRace);
        walk.action(8, "pay", this::pay);
        walk.action(1, "pay twice on both nodes", this::paymentRace);
        walk.action(4, "accept", this::accept);
        walk.action(2, "reject", this::reject);
        walk.action(1, "accept and reject on both nodes", this::acceptRejectRace);
        walk.action(4, "complete", this::complete);
        walk.action(1, "wrong transition", this::wrongTransition);
        walk.action(1, "admin rejects an accepted order", this::adminReject);
        walk.action(2, "PortOne refunds from its console", this::cancelledAtConsole);
        walk.action(1, "admin reject racing PortOne's refund", this::adminRejectRacingConsoleCancel);
        walk.action(1, "open or close a store", this::toggleStore);
        walk.action(1, "ADMIN takes MERCHANT away or gives it back", this::merchantRole);
        walk.action(1, "PortOne refunds part from its console", this::partlyCancelledAtConsole);
        walk.action(4, "gift", this::gift);
        walk.action(3, "register a coupon", this::registerCoupon);
        walk.action(3, "use a coupon", this::useCoupon);
        walk.action(1, "use a coupon on both nodes", this::couponRace);
        walk.action(1, "use someone else's coupon", this::useSomeoneElsesCoupon);
        walk.action(2, "create a campaign", this::createCampaign);
        walk.action(5, "fund", this::fund);
        walk.action(1, "fund on both nodes", this::fundingRace);
        walk.action(2, "change the funding unit", this::changeFundingUnit);
        walk.action(2, "end a campaign", this::endCampaign);
        walk.action(2, "cancel or withdraw a campaign", this::cancelOrWithdrawCampaign);
        walk.action(2, "close a campaign", this::closeCampaign);
        walk.action(1, "resign", this::resign);
        walk.action(4, "book", this::book);
        walk.action(1, "book the same slot on both nodes", this::bookingRace);
        walk.action(3, "confirm a booking", this::confirmBooking);
        walk.action(3, "cancel a booking", this::cancelBooking);
        walk.action(1, "join", () -> {
            if (active().size() >= 7) {
                return false;
            }
            join();
            return true;
        });
    }

    private void log(String line) {
        walk.log(line);
    }

    // ---------------------------------------------------------------- members and wallets

    private void join() {
        memberCount++;
        String name = "Oracle Member " + memberCount;
        Person person = new Person("M" + memberCount, api.signUp(name));
        person.member.request().post("/api/wallet").then().statusCode(201);
        people.add(person);
        touchedPeople.add(person);
        log(person + " joins with an empty wallet");
    }

    private List<Person> active() {
        return people.stream().filter(p -> !p.resigned).toList();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private <T> T pickWhere(java.util.Collection<T> from, Predicate<T> which) {
        List<T> candidates = from.stream().filter(which).toList();
        return candidates.isEmpty() ? null : pick(candidates);
    }

    /** A node for a write: the test's own, or the second (a command node) one time in three. */
    private RequestSpecification anyNode(RequestSpecification request) {
        return random.nextInt(3) == 0 ? request.port(secondNode.port()) : request;
    }

    private boolean deposit() {
        Person person = pick(active());
        long amount = 1_000L * (1 + random.nextInt(30));
        anyNode(person.member.request())
                .body(Map.of("amount", amount))
                .post("/api/wallet/deposits")
                .then()
                .statusCode(200);
        person.wallet += amount;
        touchedPeople.add(person);
        log(person + " deposits " + amount);
        return true;
    }

    private boolean withdraw() {
        Person person = pick(active());
        long amount = random.nextInt(4) == 0 ? person.wallet + 1_000 : 500L * (1 + random.nextInt(20));
        Response response =
                anyNode(person.member.request()).body(Map.of("amount", amount)).post("/api/wallet/withdrawals");
        if (amount <= person.wallet) {
            response.then().statusCode(200);
            assertThat(response.<Number>path("balance").longValue()).isEqualTo(person.wallet - amount);
            person.wallet -= amount;
        } else {
            refused(response, 409, "INSUFFICIENT_FUNDS");
        }
        touchedPeople.add(person);
        log(person + " withdraws " + amount + " -> " + response.statusCode());
        return true;
    }

    private boolean idempotentDepositRace() {
        Person person = pick(active());
        long amount = 100L * (1 + random.nextInt(50));
        String key = UUID.randomUUID().toString();
        List<Response> answers = onBothNodes(node -> node.apply(person.member.request())
                .header("Idempotency-Key", key)
                .body(Map.of("amount", amount))
                .post("/api/wallet/deposits"));
        for (Response answer : answers) {
            if (answer.statusCode() != 200) {
                refused(answer, 409, "IDEMPOTENCY_IN_PROGRESS");
            }
        }
        assertThat(answers).extracting(Response::statusCode).contains(200);
        person.wallet += amount;
        touchedPeople.add(person);
        log(person + " deposits " + amount + " with one key on both nodes -> " + codes(answers));
        return true;
    }

    private boolean withdrawalRace() {
        Person person = pickWhere(active(), p -> p.wallet > 0);
        if (person == null) {
            return false;
        }
        long amount = person.wallet;
        List<Response> answers = onBothNodes(node -> node.apply(person.member.request())
                .body(Map.of("amount", amount))
                .post("/api/wallet/withdrawals"));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
        answers.stream().filter(a -> a.statusCode() == 409).forEach(a -> refused(a, 409, "INSUFFICIENT_FUNDS"));
        person.wallet = 0;
        touchedPeople.add(person);
        log(person + " withdraws all " + amount + " on both nodes -> " + codes(answers));
        return true;
    }

    private boolean grantPoints() {
        Person person = pick(active());
        long amount = 100L * (1 + random.nextInt(60));
        long balance = StoreSteps.grantPoints(anyNode(admin.request()), person.member, amount, "Oracle grant");
        person.points += amount;
        assertThat(balance).as("points balance answered to the grant").isEqualTo(person.points);
        touchedPeople.add(person);
        log("ADMIN grants " + person + " " + amount + " points");
        return true;
    }

    private boolean resign() {
        if (active().size() <= 3) {
            return false;
        }
        Person person = pickWhere(active(), p -> p.walletHeld == 0 && p != host);
        if (person == null) {
            return false;
        }
        if (person.wallet > 0) {
            person.member
                    .request()
                    .body(Map.of("amount", person.wallet))
                    .post("/api/wallet/withdrawals")
                    .then()
                    .statusCode(200);
            person.wallet = 0;
        }
        anyNode(person.member.request()).delete("/api/me").then().statusCode(204);
        person.resigned = true;
        for (Coupon coupon : coupons.values()) {
            if (coupon.recipient == person && coupon.unused()) {
                coupon.status = "WITHDRAWN";
                if (coupon.gift.amountPaid > 0 && coupon.gift.status.equals("GIFTED")) {
                    coupon.gift.status = "REFUNDED";
                    provider.put(coupon.gift.impUid, "cancelled");
                }
                touchedOrders.add(coupon.gift);
            }
        }
        log(person + " empties the wallet and resigns");
        return true;
    }

    // ---------------------------------------------------------------- stores and orders

    private void openShop() {
        String name = "Oracle Shop " + (shops.size() + 1);
        String email = io.hindsight.support.Api.uniqueEmail("oracle-merchant");
        String password = "password-" + UUID.randomUUID();
        Response signedUp = client().body(Map.of(
                        "email", email, "password", password, "name", name, "storeName", name, "address", "1 Jong-ro"))
                .post("/api/merchants");
        signedUp.then().statusCode(201);
        Merchant merchant = new Merchant(
                new Member(signedUp.path("merchantId"), email, password, signedUp.path("accessToken"), null),
                signedUp.path("storeId"),
                signedUp.path("walletId"));
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/open")
                .then()
                .statusCode(200);
        Shop shop = new Shop("S" + (shops.size() + 1), email, password, merchant);
        long[] prices = shops.isEmpty() ? new long[] {3_000, 4_500, 0} : new long[] {2_200, 9_900, 0};
        for (long price : prices) {
            shop.items.add(new Item(StoreSteps.menu(shop.merchant, name + " item " + price, price), price));
        }
        shops.add(shop);
        touchedShops.add(shop);
    }

    private Response placeOrder(
            Function<RequestSpecification, RequestSpecification> node,
            Person customer,
            Shop shop,
            Map<Item, Integer> lines,
            long points) {
        List<Map<String, Object>> items = new ArrayList<>();
        lines.forEach((item, quantity) -> items.add(Map.of("menuId", item.menuId(), "quantity", quantity)));
        Map<String, Object> body = new HashMap<>();
        body.put("storeId", shop.merchant.storeId());
        body.put("items", items);
        body.put("delivery", Map.of("address", "3F, 77 Teheran-ro, Gangnam-gu"));
        body.put("points", points);
        return node.apply(customer.member.request()).body(body).post("/api/store-orders");
    }

    private boolean order() {
        Person customer = pick(active());
        Shop shop = pick(shops);
        Map<Item, Integer> lines = new LinkedHashMap<>();
        int distinct = 1 + random.nextInt(2);
        for (Item item : shop.items) {
            if (lines.size() < distinct && random.nextBoolean()) {
                lines.put(item, 1 + random.nextInt(3));
            }
        }
        if (lines.isEmpty()) {
            lines.put(shop.items.get(0), 1);
        }
        long total = lines.entrySet().stream()
                .mapToLong(line -> line.getKey().price() * line.getValue())
                .sum();
        long points = 0;
        int spend = random.nextInt(5);
        if (spend == 1 && total > 0) {
            points = Math.min(total, customer.points);
        } else if (spend == 2 && total > 0) {
            points = Math.min(total, 1 + random.nextInt((int) Math.min(total, customer.points + 2_000)));
        }
        Response response = placeOrder(this::anyNode, customer, shop, lines, points);
        touchedPeople.add(customer);
        if (!shop.open) {
            refused(response, 409, "STORE_CLOSED");
            log(customer + " orders " + total + " at closed " + shop + " -> refused");
            return true;
        }
        if (points > customer.points) {
            refused(response, 409, "INSUFFICIENT_POINTS");
            log(customer + " orders " + total + " spending " + points + " of " + customer.points
                    + " points -> refused");
            return true;
        }
        response.then().statusCode(201);
        ordered(response, customer, shop, total, points);
        return true;
    }

    private Order ordered(Response response, Person customer, Shop shop, long total, long points) {
        long due = total - points;
        String status = due == 0 ? "PLACED" : "AWAITING_PAYMENT";
        assertThat(response.<Number>path("amountDue").longValue())
                .as("amountDue")
                .isEqualTo(due);
        assertThat(response.<Number>path("pointsUsed").longValue())
                .as("pointsUsed")
                .isEqualTo(points);
        assertThat(response.<String>path("status")).as("status of a new order").isEqualTo(status);
        Order order = new Order(response.path("orderId"), "ORDER", customer, shop, due, points, status);
        customer.points -= points;
        customer.pointsHeld += points;
        orders.put(order.id, order);
        touchedOrders.add(order);
        log(customer + " orders " + total + " at " + shop + " spending " + points + " points: " + order);
        return order;
    }

    private boolean pointsRace() {
        Person customer = pickWhere(active(), p -> p.points >= 2);
        if (customer == null) {
            return false;
        }
        Shop shop = pickWhere(shops, s -> s.open);
        if (shop == null) {
            return false;
        }
        Item priciest = shop.items.stream()
                .max((a, b) -> Long.compare(a.price(), b.price()))
                .orElseThrow();
        long points = customer.points;
        int quantity = (int) Math.min(99, (points + priciest.price() - 1) / priciest.price());
        long total = priciest.price() * quantity;
        if (total < points) {
            return false;
        }
        List<Response> answers =
                onBothNodes(node -> placeOrder(node, customer, shop, Map.of(priciest, quantity), points));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
        touchedPeople.add(customer);
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                ordered(answer, customer, shop, total, points);
            } else {
                refused(answer, 409, "INSUFFICIENT_POINTS");
            }
        }
        log(customer + " spends all " + points + " points in two orders on both nodes -> " + codes(answers));
        return true;
    }

    private Response webhook(
            Function<RequestSpecification, RequestSpecification> node, String impUid, Order order, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imp_uid", impUid);
        body.put("merchant_uid", order.id);
        body.put("status", status);
        return node.apply(client()).body(body).post("/api/payments/webhook");
    }

    private static String outcome(Response response) {
        response.then().statusCode(200);
        return response.path("outcome");
    }

    /** Whether a paid payment verified now can place the order, as the docs list the cases. */
    private boolean servable(Order order) {
        if (order.kind.equals("GIFT")) {
            // stores.md: a gift is refused for a recipient or a merchant who has left, not for its giver (the
            // recipient is still served, and a refund goes back to the giver's card)
            return !order.recipient.resigned && !order.shop.merchantLeft;
        }
        return order.shop.open && !order.customer.resigned;
    }

    private boolean pay() {
        Order order = pickWhere(orders.values(), o -> o.status.equals("AWAITING_PAYMENT"));
        if (order == null) {
            return false;
        }
        int how = random.nextInt(10);
        if (how < 6) {
            String impUid = FakePortOne.paid(order.id, order.amountDue);
            String outcome = outcome(webhook(this::anyNode, impUid, order, "paid"));
            if (servable(order)) {
                assertThat(outcome).as("outcome of a paid payment for " + order).isEqualTo("PLACED");
                placed(order, impUid);
            } else {
                assertThat(outcome).as("outcome of a paid payment for " + order).isEqualTo("REFUSED");
                refusedWithPayment(order, impUid);
            }
            if (how == 5) {
                String again = outcome(webhook(this::anyNode, impUid, order, "paid"));
                assertThat(again).as("the same notification again").isEqualTo("DUPLICATE");
            }
            log("paid " + impUid + ": " + order + " (" + outcome + ")");
        } else if (how < 8) {
            long amount = order.amountDue + (order.amountDue > 100 && random.nextBoolean() ? -100 : 100);
            String impUid = FakePortOne.paid(order.id, amount);
            assertThat(outcome(webhook(this::anyNode, impUid, order, "paid")))
                    .as("another amount")
                    .isEqualTo("REFUSED");
            refusedWithPayment(order, impUid);
            log("paid another amount " + impUid + ": " + order);
        } else {
            String impUid = FakePortOne.payment(order.id, order.amountDue, "failed");
            provider.put(impUid, "failed");
            assertThat(outcome(webhook(this::anyNode, impUid, order, "failed")))
                    .as("a failed payment")
                    .isEqualTo("REFUSED");
            releasePoints(order);
            order.status = "REFUSED";
            log("failed payment " + impUid + ": " + order);
        }
        touchedOrders.add(order);
        return true;
    }

    private boolean paymentRace() {
        Order order = pickWhere(
                orders.values(), o -> o.status.equals("AWAITING_PAYMENT") && !o.customer.resigned && servable(o));
        if (order == null) {
            return false;
        }
        boolean samePayment = random.nextBoolean();
        String first = FakePortOne.paid(order.id, order.amountDue);
        String second = samePayment ? first : FakePortOne.paid(order.id, order.amountDue);
        List<Response> answers = secondNodeRace(
                node -> webhook(node, first, order, "paid"), node -> webhook(node, second, order, "paid"));
        List<String> outcomes = answers.stream().map(MoneyOracleIT::outcome).toList();
        assertThat(outcomes)
                .as("two notifications at once for " + order)
                .containsExactlyInAnyOrder("PLACED", samePayment ? "DUPLICATE" : "REFUSED");
        String winner = outcomes.get(0).equals("PLACED") ? first : second;
        placed(order, winner);
        if (!samePayment) {
            provider.put(winner.equals(first) ? second : first, "cancelled");
        }
        touchedOrders.add(order);
        log((samePayment ? "one payment notified twice" : "two payments") + " on both nodes: " + order);
        return true;
    }

    private void placed(Order order, String impUid) {
        order.impUid = impUid;
        order.amountPaid = order.amountDue;
        provider.put(impUid, "paid");
        if (order.kind.equals("GIFT")) {
            order.status = "GIFTED";
            issueCoupon(order);
        } else {
            order.status = "PLACED";
        }
    }

    private void refusedWithPayment(Order order, String impUid) {
        provider.put(impUid, "cancelled");
        releasePoints(order);
        order.status = "REFUSED";
    }

    /** Points held by an order that ends before acceptance go back. */
    private void releasePoints(Order order) {
        order.customer.pointsHeld -= order.pointsUsed;
        order.customer.points += order.pointsUsed;
        touchedPeople.add(order.customer);
    }

    private Response merchantCall(
            Function<RequestSpecification, RequestSpecification> node, Order order, String action) {
        RequestSpecification request = node.apply(order.shop.merchant.request());
        if (action.equals("reject")) {
            request = request.body(Map.of("reason", "Out of it"));
        }
        return request.post("/api/store-orders/" + order.id + "/" + action);
    }

    private boolean accept() {
        Order order = pickWhere(orders.values(), o -> o.status.equals("PLACED") && !o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        merchantCall(this::anyNode, order, "accept").then().statusCode(200);
        accepted(order);
        log(order.shop + " accepts " + order);
        return true;
    }

    private void accepted(Order order) {
        order.status = "ACCEPTED";
        order.customer.pointsHeld -= order.pointsUsed;
        touchedPeople.add(order.customer);
        touchedOrders.add(order);
    }

    private boolean reject() {
        Order order = pickWhere(orders.values(), o -> o.status.equals("PLACED") && !o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        merchantCall(this::anyNode, order, "reject").then().statusCode(200);
        rejectedBeforeAcceptance(order);
        log(order.shop + " rejects " + order);
        return true;
    }

    private void rejectedBeforeAcceptance(Order order) {
        order.status = "REJECTED";
        releasePoints(order);
        cancelPaymentOf(order);
        touchedOrders.add(order);
    }

    /** A rejected order cancels its payment; a rejected coupon order rejects its gift, which cancels the giver's. */
    private void cancelPaymentOf(Order order) {
        if (order.impUid != null) {
            provider.put(order.impUid, "cancelled");
        }
        if (order.kind.equals("COUPON")) {
            Order gift = order.gift;
            gift.status = "REJECTED";
            if (gift.impUid != null) {
                provider.put(gift.impUid, "cancelled");
            }
            touchedOrders.add(gift);
        }
    }

    private boolean acceptRejectRace() {
        Order order = pickWhere(orders.values(), o -> o.status.equals("PLACED") && !o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        List<Response> answers = secondNodeRace(
                node -> merchantCall(node, order, "accept"), node -> merchantCall(node, order, "reject"));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
        answers.stream().filter(a -> a.statusCode() == 409).forEach(a -> refused(a, 409, "INVALID_TRANSITION"));
        if (answers.get(0).statusCode() == 200) {
            accepted(order);
        } else {
            rejectedBeforeAcceptance(order);
        }
        log(order.shop + " accepts and rejects on both nodes: " + order);
        return true;
    }

    private boolean complete() {
        Order order = pickWhere(orders.values(), o -> o.status.equals("ACCEPTED") && !o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        merchantCall(this::anyNode, order, "complete").then().statusCode(200);
        order.status = "COMPLETED";
        long paid = order.kind.equals("COUPON") ? order.gift.amountPaid : order.amountPaid;
        order.shop.wallet += paid;
        if (order.kind.equals("ORDER") && !order.customer.resigned) {
            order.pointsEarned = paid * POINTS_RATE_PERCENT / 100;
            order.customer.points += order.pointsEarned;
        }
        touchedShops.add(order.shop);
        touchedPeople.add(order.customer);
        touchedOrders.add(order);
        log(order.shop + " completes " + order);
        return true;
    }

    private boolean wrongTransition() {
        Order order = pickWhere(
                orders.values(),
                o -> List.of("PLACED", "ACCEPTED", "AWAITING_PAYMENT").contains(o.status) && !o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        String action = switch (order.status) {
            case "PLACED" -> "complete";
            case "ACCEPTED" -> "reject";
            default -> random.nextBoolean() ? "accept" : "complete";
        };
        refused(merchantCall(this::anyNode, order, action), 409, "INVALID_TRANSITION");
        touchedOrders.add(order);
        log(order.shop + " tries to " + action + " " + order + " -> refused");
        return true;
    }

    private boolean adminReject() {
        Order order = pickWhere(
                orders.values(), o -> o.status.equals("ACCEPTED") || o.status.equals("PLACED") && o.shop.merchantLeft);
        if (order == null) {
            return false;
        }
        String before = order.toString();
        anyNode(admin.request())
                .body(Map.of("reason", "Store unreachable"))
                .post("/api/store-orders/" + order.id + "/reject")
                .then()
                .statusCode(200);
        if (order.status.equals("PLACED")) {
            rejectedBeforeAcceptance(order);
        } else {
            endedAfterAcceptance(order, "REJECTED");
            cancelPaymentOf(order);
        }
        log("ADMIN rejects " + before);
        return true;
    }

    private boolean merchantRole() {
        Shop left = pickWhere(shops, s -> s.merchantLeft);
        Shop shop = left != null ? left : pick(shops);
        if (shop.merchantLeft) {
            io.hindsight.support.Api.rolesChange(admin, shop.merchant.member().accountId(), "MERCHANT")
                    .then()
                    .statusCode(200);
            Member again = api.logIn(shop.email, shop.password);
            shop.merchant = new Merchant(again, shop.merchant.storeId(), shop.merchant.walletId());
            shop.merchantLeft = false;
            anyNode(shop.merchant.request())
                    .put("/api/stores/" + shop.merchant.storeId() + "/open")
                    .then()
                    .statusCode(200);
            shop.open = true;
            log("ADMIN gives " + shop + "'s merchant MERCHANT back, who reopens the store");
        } else {
            io.hindsight.support.Api.rolesChange(admin, shop.merchant.member().accountId())
                    .then()
                    .statusCode(200);
            shop.merchantLeft = true;
            shop.open = false;
            log("ADMIN takes MERCHANT from " + shop + "'s merchant: the store closes");
        }
        return true;
    }

    /** An accepted order that ends unserved gives back the points its acceptance spent. */
    private void endedAfterAcceptance(Order order, String status) {
        order.status = status;
        order.customer.points += order.pointsUsed;
        touchedPeople.add(order.customer);
        touchedOrders.add(order);
    }

    private boolean cancellableAtConsole(Order order) {
        if (order.impUid == null || order.cancelledAtProvider || !"paid".equals(provider.get(order.impUid))) {
            return false;
        }
        return order.kind.equals("ORDER")
                ? List.of("PLACED", "ACCEPTED", "COMPLETED").contains(order.status)
                : order.status.equals("GIFTED");
    }

    private boolean cancelledAtConsole() {
        Order order = pickWhere(orders.values(), this::cancellableAtConsole);
        if (order == null) {
            return false;
        }
        FakePortOne.cancelledAtConsole(order.impUid);
        String outcome = outcome(webhook(this::anyNode, order.impUid, order, "cancelled"));
        assertThat(outcome).as("PortOne's refund of " + order).isEqualTo("CANCELLED");
        String before = order.toString();
        refundedAtConsole(order);
        log("PortOne refunds " + order.impUid + " from its console: " + before + " -> " + order.status);
        return true;
    }

    private boolean partlyCancelledAtConsole() {
        Order order = pickWhere(orders.values(), o -> cancellableAtConsole(o) && o.amountPaid > 1);
        if (order == null) {
            return false;
        }
        long part = 1 + random.nextInt((int) order.amountPaid - 1);
        FakePortOne.partlyCancelledAtConsole(order.impUid, part);
        String outcome = outcome(webhook(this::anyNode, order.impUid, order, "cancelled"));
        assertThat(outcome).as("PortOne's partial refund of " + order).isEqualTo("CANCELLED");
        String before = order.toString();
        boolean served = order.kind.equals("ORDER")
                ? order.status.equals("COMPLETED")
                : order.coupon.usedBy != null && order.coupon.usedBy.status.equals("COMPLETED");
        refundedAtConsole(order);
        // what PortOne still holds of a served order stays with it; of anything else it is cancelled
        provider.put(order.impUid, served ? "paid" : "cancelled");
        log("PortOne refunds " + part + " of " + order.impUid + " from its console: " + before + " -> " + order.status);
        return true;
    }

    private void refundedAtConsole(Order order) {
        order.cancelledAtProvider = true;
        provider.put(order.impUid, "cancelled");
        touchedOrders.add(order);
        if (order.kind.equals("ORDER")) {
            switch (order.status) {
                case "PLACED" -> {
                    releasePoints(order);
                    order.status = "REFUSED";
                }
                case "ACCEPTED" -> endedAfterAcceptance(order, "REFUSED");
                default -> {}
            }
            return;
        }
        Coupon coupon = order.coupon;
        if (coupon.unused()) {
            coupon.status = "WITHDRAWN";
            order.status = "REFUSED";
        } else if (coupon.usedBy != null && List.of("PLACED", "ACCEPTED").contains(coupon.usedBy.status)) {
            coupon.usedBy.status = "REFUSED";
            touchedOrders.add(coupon.usedBy);
            order.status = "REFUSED";
        }
    }

    private boolean adminRejectRacingConsoleCancel() {
        Order order = pickWhere(
                orders.values(), o -> o.kind.equals("ORDER") && o.status.equals("ACCEPTED") && o.impUid != null);
        if (order == null) {
            return false;
        }
        FakePortOne.cancelledAtConsole(order.impUid);
        List<Response> answers = secondNodeRace(
                node -> node.apply(admin.request())
                        .body(Map.of("reason", "Store unreachable"))
                        .post("/api/store-orders/" + order.id + "/reject"),
                node -> webhook(node, order.impUid, order, "cancelled"));
        assertThat(answers.get(0).statusCode()).as("the ADMIN's reject").isIn(200, 409);
        assertThat(outcome(answers.get(1))).as("PortOne's notification").isIn("CANCELLED", "DUPLICATE");
        String status = orderOf(order).getString("status");
        assertThat(status)
                .as("an accepted order rejected while PortOne refunds it")
                .isIn("REJECTED", "REFUSED");
        endedAfterAcceptance(order, status);
        order.cancelledAtProvider = true;
        provider.put(order.impUid, "cancelled");
        log("ADMIN rejects while PortOne refunds " + order);
        return true;
    }

    private boolean toggleStore() {
        Shop shop = pickWhere(shops, s -> !s.merchantLeft);
        if (shop == null || shop.open && random.nextInt(3) > 0) {
            // a store is mostly open, so that orders are placed, served and refused alike
            return false;
        }
        String path = "/api/stores/" + shop.merchant.storeId() + (shop.open ? "/close" : "/open");
        anyNode(shop.merchant.request()).put(path).then().statusCode(200);
        shop.open = !shop.open;
        log(shop + (shop.open ? " opens" : " closes"));
        return true;
    }

    // ---------------------------------------------------------------- gifts and coupons

    private boolean gift() {
        Person giver = pick(active());
        Person recipient = pickWhere(people, p -> p != giver);
        if (recipient == null) {
            return false;
        }
        Shop shop = pick(shops);
        Item item = pick(shop.items);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipientAccountId", recipient.member.accountId());
        body.put("storeId", shop.merchant.storeId());
        body.put("menuId", item.menuId());
        body.put("message", "From " + giver);
        Response response = anyNode(giver.member.request()).body(body).post("/api/gifts");
        if (recipient.resigned) {
            refused(response, 404, "RECIPIENT_NOT_FOUND");
            log(giver + " gifts to resigned " + recipient + " -> refused");
            return true;
        }
        if (shop.merchantLeft) {
            refused(response, 409, "STORE_CLOSED");
            log(giver + " gifts at " + shop + " whose merchant left -> refused");
            return true;
        }
        long unusedFree = coupons.values().stream()
                .filter(c -> c.giver == giver && c.recipient == recipient && c.unused() && c.item.price() == 0)
                .count();
        if (item.price() == 0 && unusedFree >= FREE_GIFT_LIMIT) {
            refused(response, 409, "FREE_GIFT_LIMIT_REACHED");
            log(giver + " gifts an 11th free item to " + recipient + " -> refused");
            return true;
        }
        response.then().statusCode(201);
        assertThat(response.<Number>path("amountDue").longValue()).isEqualTo(item.price());
        Order gift = new Order(
                response.path("orderId"),
                "GIFT",
                giver,
                shop,
                item.price(),
                0,
                item.price() == 0 ? "GIFTED" : "AWAITING_PAYMENT");
        gift.recipient = recipient;
        gift.coupon = new Coupon("?", recipient, giver, gift, item);
        orders.put(gift.id, gift);
        if (item.price() == 0) {
            issueCoupon(gift);
        }
        touchedOrders.add(gift);
        log(giver + " gifts " + item.price() + " at " + shop + " to " + recipient + ": " + gift);
        return true;
    }

    /** The coupon a verified gift issues; its code is read from the gift order. */
    private void issueCoupon(Order gift) {
        String code = orderOf(gift).getString("gift.couponCode");
        assertThat(code).as("coupon code of " + gift).isNotBlank();
        Coupon coupon = new Coupon(code, gift.recipient, gift.customer, gift, gift.coupon.item);
        gift.coupon = coupon;
        coupons.put(code, coupon);
        touchedPeople.add(gift.recipient);
    }

    private Response registerCall(Person person, String code) {
        return anyNode(person.member.request()).body(Map.of("code", code)).post("/api/coupons/register");
    }

    private boolean registerCoupon() {
        Coupon coupon = pickWhere(coupons.values(), c -> !c.recipient.resigned);
        if (coupon == null) {
            return false;
        }
        Response response = registerCall(coupon.recipient, coupon.code);
        switch (coupon.status) {
            case "ISSUED", "REGISTERED" -> {
                response.then().statusCode(200);
                assertThat(response.<String>path("status")).isEqualTo("REGISTERED");
                coupon.status = "REGISTERED";
            }
            case "USED" -> refused(response, 409, "COUPON_USED");
            case "WITHDRAWN" -> refused(response, 409, "COUPON_WITHDRAWN");
            default -> throw new AssertionError("no expectation for " + coupon);
        }
        touchedPeople.add(coupon.recipient);
        log(coupon.recipient + " registers " + coupon + " -> " + response.statusCode());
        return true;
    }

    private Response useCall(Function<RequestSpecification, RequestSpecification> node, Person person, String code) {
        return node.apply(person.member.request())
                .body(Map.of("couponCode", code, "delivery", Map.of("address", "1 Jong-ro, Seoul")))
                .post("/api/store-orders/with-coupon");
    }

    /** The refusal a use of the coupon gets now, or null when it is used. */
    private String refusalOfUse(Coupon coupon) {
        return switch (coupon.status) {
            case "ISSUED" -> "COUPON_NOT_REGISTERED";
            case "USED" -> "COUPON_USED";
            case "WITHDRAWN" -> "COUPON_WITHDRAWN";
            default -> coupon.gift.shop.open ? null : "STORE_CLOSED";
        };
    }

    private boolean useCoupon() {
        Coupon coupon = pickWhere(coupons.values(), c -> !c.recipient.resigned);
        if (coupon == null) {
            return false;
        }
        Response response = useCall(this::anyNode, coupon.recipient, coupon.code);
        String refusal = refusalOfUse(coupon);
        if (refusal != null) {
            refused(response, 409, refusal);
            log(coupon.recipient + " uses " + coupon + " -> " + refusal);
        } else {
            response.then().statusCode(201);
            used(coupon, response);
        }
        touchedPeople.add(coupon.recipient);
        return true;
    }

    private void used(Coupon coupon, Response response) {
        assertThat(response.<String>path("status")).isEqualTo("PLACED");
        Order order = new Order(response.path("orderId"), "COUPON", coupon.recipient, coupon.gift.shop, 0, 0, "PLACED");
        order.coupon = coupon;
        order.gift = coupon.gift;
        coupon.status = "USED";
        coupon.usedBy = order;
        orders.put(order.id, order);
        touchedOrders.add(order);
        log(coupon.recipient + " uses " + coupon + ": " + order);
    }

    private boolean couponRace() {
        Coupon coupon = pickWhere(
                coupons.values(), c -> !c.recipient.resigned && c.status.equals("REGISTERED") && c.gift.shop.open);
        if (coupon == null) {
            return false;
        }
        List<Response> answers = onBothNodes(node -> useCall(node, coupon.recipient, coupon.code));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                used(coupon, answer);
            } else {
                refused(answer, 409, "COUPON_USED");
            }
        }
        touchedPeople.add(coupon.recipient);
        log(coupon.recipient + " uses " + coupon + " on both nodes -> " + codes(answers));
        return true;
    }

    private boolean useSomeoneElsesCoupon() {
        Coupon coupon = pickWhere(coupons.values(), Coupon::unused);
        if (coupon == null) {
            return false;
        }
        Person other = pickWhere(active(), p -> p != coupon.recipient);
        if (other == null) {
            return false;
        }
        refused(useCall(this::anyNode, other, coupon.code), 404, "COUPON_NOT_FOUND");
        refused(registerCall(other, coupon.code), 404, "COUPON_NOT_FOUND");
        log(other + " tries " + coupon + " -> not found");
        return true;
    }

    // ---------------------------------------------------------------- campaigns

    private List<Campaign> funding() {
        return campaigns.values().stream()
                .filter(c -> c.status.equals("FUNDING"))
                .toList();
    }

    private boolean createCampaign() {
        if (funding().size() >= 3) {
            return false;
        }
        long unit = 1_000L * (1 + random.nextInt(5));
        long target = unit * (2 + random.nextInt(3));
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Oracle campaign " + (campaigns.size() + 1));
        body.put("description", "A campaign of the money oracle");
        body.put("targetAmount", target);
        body.put("fundingUnit", unit);
        body.put("endsAt", Instant.now().plus(Duration.ofDays(30)).toString());
        String id = anyNode(publisher.member.request())
                .body(body)
                .post("/api/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("campaignId");
        Campaign campaign = new Campaign(id, target, unit);
        campaigns.put(id, campaign);
        touchedCampaigns.add(campaign);
        touchedPeople.add(publisher);
        log("Publisher creates " + campaign + " of unit " + unit);
        return true;
    }

    private Response fundCall(Function<RequestSpecification, RequestSpecification> node, Person backer, Campaign c) {
        return node.apply(backer.member.request()).post("/api/campaigns/" + c.id + "/fundings");
    }

    private boolean fund() {
        List<Campaign> open = funding();
        if (open.isEmpty()) {
            return false;
        }
        Campaign campaign = pick(open);
        Person backer = pick(active());
        Response response = fundCall(this::anyNode, backer, campaign);
        if (campaign.backers.containsKey(backer)) {
            refused(response, 409, "ALREADY_FUNDED");
        } else if (backer.wallet < campaign.unit) {
            refused(response, 409, "INSUFFICIENT_FUNDS");
        } else {
            response.then().statusCode(201);
            funded(response, backer, campaign);
        }
        touchedPeople.add(backer);
        touchedCampaigns.add(campaign);
        log(backer + " funds " + campaign + " -> " + response.statusCode());
        return true;
    }

    private void funded(Response response, Person backer, Campaign campaign) {
        assertThat(response.<Number>path("amount").longValue())
                .as("amount funded")
                .isEqualTo(campaign.unit);
        backer.wallet -= campaign.unit;
        backer.walletHeld += campaign.unit;
        campaign.backers.put(backer, campaign.unit);
    }

    private boolean fundingRace() {
        List<Campaign> open = funding();
        if (open.isEmpty()) {
            return false;
        }
        Campaign campaign = pick(open);
        Person backer = pickWhere(active(), p -> !campaign.backers.containsKey(p) && p.wallet >= campaign.unit);
        if (backer == null) {
            return false;
        }
        List<Response> answers = onBothNodes(node -> fundCall(node, backer, campaign));
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
        for (Response answer : answers) {
            if (answer.statusCode() == 201) {
                funded(answer, backer, campaign);
            } else {
                refused(answer, 409, "ALREADY_FUNDED");
            }
        }
        touchedPeople.add(backer);
        touchedCampaigns.add(campaign);
        log(backer + " funds " + campaign + " on both nodes -> " + codes(answers));
        return true;
    }

    private boolean changeFundingUnit() {
        List<Campaign> open = funding();
        if (open.isEmpty()) {
            return false;
        }
        Campaign campaign = pick(open);
        long unit = 1_000L * (1 + random.nextInt(5));
        anyNode(publisher.member.request())
                .body(Map.of("fundingUnit", unit))
                .patch("/api/campaigns/" + campaign.id)
                .then()
                .statusCode(200);
        campaign.unit = unit;
        touchedCampaigns.add(campaign);
        log("Publisher changes the unit of " + campaign + " to " + unit);
        return true;
    }

    private boolean endCampaign() {
        List<Campaign> open = funding();
        if (open.isEmpty()) {
            return false;
        }
        Campaign campaign = pick(open);
        anyNode(publisher.member.request())
                .body(Map.of("endsAt", Instant.now().plusMillis(1_500).toString()))
                .patch("/api/campaigns/" + campaign.id)
                .then()
                .statusCode(200);
        boolean reached = campaign.total() >= campaign.target;
        String expected = reached ? "SUCCESS" : "CANCEL";
        await().atMost(SETTLES_WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !"FUNDING".equals(campaignView(campaign).getString("status")));
        campaign.status = expected;
        if (reached) {
            publisher.wallet += campaign.total();
            campaign.backers.forEach((backer, amount) -> backer.walletHeld -= amount);
        } else {
            refundBackers(campaign);
        }
        touchedPeople.addAll(campaign.backers.keySet());
        touchedPeople.add(publisher);
        touchedCampaigns.add(campaign);
        log(campaign + " ends");
        return true;
    }

    private void refundBackers(Campaign campaign) {
        campaign.backers.forEach((backer, amount) -> {
            backer.walletHeld -= amount;
            backer.wallet += amount;
        });
        touchedPeople.addAll(campaign.backers.keySet());
    }

    private boolean cancelOrWithdrawCampaign() {
        List<Campaign> open = funding();
        if (open.isEmpty()) {
            return false;
        }
        Campaign campaign = pick(open);
        if (random.nextBoolean()) {
            anyNode(admin.request())
                    .post("/api/campaigns/" + campaign.id + "/cancel")
                    .then()
                    .statusCode(200);
            campaign.status = "CANCEL";
            log("ADMIN cancels " + campaign);
        } else {
            anyNode(publisher.member.request())
                    .delete("/api/campaigns/" + campaign.id)
                    .then()
                    .statusCode(204);
            campaign.status = "WITHDRAWN";
            campaign.withdrawn = true;
            log("Publisher withdraws " + campaign);
        }
        refundBackers(campaign);
        touchedCampaigns.add(campaign);
        return true;
    }

    private boolean closeCampaign() {
        Campaign campaign = pickWhere(campaigns.values(), c -> c.status.equals("SUCCESS"));
        if (campaign == null) {
            return false;
        }
        anyNode(publisher.member.request())
                .post("/api/campaigns/" + campaign.id + "/close")
                .then()
                .statusCode(200);
        campaign.status = "CLOSED";
        touchedCampaigns.add(campaign);
        log("Publisher closes " + campaign);
        return true;
    }

    // ---------------------------------------------------------------- bookings

    private static final Map<String, Long> BOOKING_PRICES = Map.of("DAY", 5_000L, "NIGHT", 6_000L, "ALL_DAY", 9_000L);
    private static final List<String> OPTIONS = List.of("DAY", "NIGHT", "ALL_DAY");

    private String registerSpace() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Oracle Loft");
        body.put("subTitle", "Booked by the money oracle");
        body.put("categoryId", 1);
        body.put("districtId", 13);
        body.put("minCount", 2);
        body.put("maxCount", 8);
        body.put("address", "1 Test-ro, Seoul");
        body.put("facilityIds", List.of(1, 3));
        body.put("imageUrls", List.of("https://img.hindsight.test/oracle-loft.jpg"));
        body.put("prices", BOOKING_PRICES);
        return BookingApi.registerSpace(host.member, body);
    }

    private static boolean conflicts(String one, String other) {
        return one.equals("ALL_DAY") || other.equals("ALL_DAY") || one.equals(other);
    }

    private boolean slotTaken(LocalDate date, String option) {
        return bookings.values().stream().anyMatch(b -> b.live() && b.date.equals(date) && conflicts(b.option, option));
    }

    private Response bookCall(
            Function<RequestSpecification, RequestSpecification> node, Person guest, LocalDate date, String option) {
        return node.apply(guest.member.request())
                .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", option, "headcount", 4))
                .post("/api/bookings");
    }

    private boolean book() {
        Person guest = pick(active());
        LocalDate date = BookingApi.inDays(10 + random.nextInt(5));
        String option = pick(OPTIONS);
        long price = BOOKING_PRICES.get(option);
        Response response = bookCall(this::anyNode, guest, date, option);
        touchedPeople.add(guest);
        if (guest == host) {
            refused(response, 409, "OWN_SPACE");
        } else if (slotTaken(date, option)) {
            refused(response, 409, "SLOT_TAKEN");
        } else if (guest.wallet < price) {
            refused(response, 409, "INSUFFICIENT_FUNDS");
        } else {
            response.then().statusCode(201);
            booked(response, guest, date, option);
        }
        log(guest + " books " + option + " " + date + " -> " + response.statusCode());
        return true;
    }

    private void booked(Response response, Person guest, LocalDate date, String option) {
        long price = BOOKING_PRICES.get(option);
        assertThat(response.<String>path("status")).isEqualTo("PENDING");
        Booking booking = new Booking(response.path("bookingId"), guest, date, option, price);
        guest.wallet -= price;
        guest.walletHeld += price;
        bookings.put(booking.id, booking);
        touchedBookings.add(booking);
    }

    private boolean bookingRace() {
        Person one = pickWhere(active(), p -> p != host && p.wallet >= 9_000);
        Person other = pickWhere(active(), p -> p != host && p != one && p.wallet >= 9_000);
        if (one == null || other == null) {
            return false;
        }
        LocalDate date = BookingApi.inDays(10 + random.nextInt(5));
        String firstOption = pick(OPTIONS);
        String secondOption =
                firstOption.equals("ALL_DAY") ? pick(OPTIONS) : random.nextBoolean() ? firstOption : "ALL_DAY";
        if (slotTaken(date, firstOption) || slotTaken(date, secondOption)) {
            return false;
        }
        List<Response> answers = secondNodeRace(
                node -> bookCall(node, one, date, firstOption), node -> bookCall(node, other, date, secondOption));
        assertThat(answers)
                .extracting(Response::statusCode)
                .as("two conflicting bookings at once")
                .containsExactlyInAnyOrder(201, 409);
        if (answers.get(0).statusCode() == 201) {
            booked(answers.get(0), one, date, firstOption);
            refused(answers.get(1), 409, "SLOT_TAKEN");
        } else {
            booked(answers.get(1), other, date, secondOption);
            refused(answers.get(0), 409, "SLOT_TAKEN");
        }
        touchedPeople.add(one);
        touchedPeople.add(other);
        log(one + " and " + other + " book " + firstOption + "/" + secondOption + " " + date + " on both nodes -> "
                + codes(answers));
        return true;
    }

    private boolean confirmBooking() {
        Booking booking = pickWhere(bookings.values(), b -> b.status.equals("PENDING") && !b.guest.resigned);
        if (booking == null) {
            return false;
        }
        anyNode(booking.guest.member.request())
                .post("/api/bookings/" + booking.id + "/confirm")
                .then()
                .statusCode(200);
        booking.status = "CONFIRMED";
        booking.payment = "PAID";
        booking.guest.walletHeld -= booking.price;
        host.wallet += booking.price;
        touchedPeople.add(booking.guest);
        touchedPeople.add(host);
        touchedBookings.add(booking);
        log(booking.guest + " confirms " + booking);
        return true;
    }

    private boolean cancelBooking() {
        Booking booking = pickWhere(bookings.values(), Booking::live);
        if (booking == null) {
            return false;
        }
        Person by = random.nextBoolean() || booking.guest.resigned ? host : booking.guest;
        Response response = anyNode(by.member.request()).post("/api/bookings/" + booking.id + "/cancel");
        if (booking.status.equals("PENDING")) {
            response.then().statusCode(200);
            booking.guest.walletHeld -= booking.price;
            booking.guest.wallet += booking.price;
            booking.status = "CANCELED";
            booking.payment = "VOIDED";
        } else if (booking.guest.resigned) {
            // nobody could ever withdraw a refund paid into a resigned account's wallet
            refused(response, 409, "GUEST_LEFT");
        } else if (host.wallet < booking.price) {
            refused(response, 409, "REFUND_NOT_COVERED");
        } else {
            response.then().statusCode(200);
            host.wallet -= booking.price;
            booking.guest.wallet += booking.price;
            booking.status = "CANCELED";
            booking.payment = "REFUNDED";
        }
        touchedPeople.add(booking.guest);
        touchedPeople.add(host);
        touchedBookings.add(booking);
        log(by + " cancels " + booking + " -> " + response.statusCode());
        return true;
    }

    private void checkBooking(Booking booking) {
        settled(booking.toString(), () -> {
            JsonPath seen = admin.request()
                    .get("/api/bookings/" + booking.id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(seen.getString("status")).as("status of " + booking).isEqualTo(booking.status);
            assertThat(seen.getString("payment.status"))
                    .as("payment of " + booking)
                    .isEqualTo(booking.payment);
        });
    }

    // ---------------------------------------------------------------- comparing with the model

    private void checkTouched() {
        touchedPeople.stream().filter(p -> !p.resigned).forEach(this::checkPerson);
        touchedShops.forEach(this::checkShop);
        touchedOrders.forEach(this::checkOrder);
        touchedCampaigns.forEach(this::checkCampaign);
        touchedBookings.forEach(this::checkBooking);
        touchedBookings.clear();
        touchedPeople.clear();
        touchedShops.clear();
        touchedOrders.clear();
        touchedCampaigns.clear();
    }

    /** Every account, store, campaign and payment; every order at the end, and meanwhile those still open. */
    private void checkEverything(boolean everyOrder) {
        people.stream().filter(p -> !p.resigned).forEach(this::checkPerson);
        people.stream().filter(p -> p.resigned).forEach(this::checkResigned);
        people.stream().filter(p -> !p.resigned).forEach(this::checkStatements);
        if (!campaigns.isEmpty()) {
            checkPerson(publisher);
        }
        shops.forEach(this::checkShop);
        orders.values().stream()
                .filter(o -> everyOrder
                        || List.of("AWAITING_PAYMENT", "PLACED", "ACCEPTED", "GIFTED")
                                .contains(o.status))
                .forEach(this::checkOrder);
        campaigns.values().forEach(this::checkCampaign);
        bookings.values().stream().filter(b -> everyOrder || b.live()).forEach(this::checkBooking);
        checkProvider();
    }

    private void settled(String what, Runnable comparison) {
        walk.settled(what, SETTLES_WITHIN, comparison);
    }

    private void eventually(String what, Runnable comparison) {
        walk.eventually(what, SETTLES_WITHIN, comparison);
    }

    private void checkPerson(Person person) {
        settled(person + "'s wallet", () -> {
            JsonPath wallet = person.member
                    .request()
                    .get("/api/wallet")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(wallet.getLong("balance"))
                    .as(person + "'s wallet balance")
                    .isEqualTo(person.wallet);
            assertThat(wallet.getLong("held")).as(person + "'s wallet held").isEqualTo(person.walletHeld);
        });
        if (person == publisher) {
            return;
        }
        settled(person + "'s points", () -> {
            JsonPath points = person.member
                    .request()
                    .get("/api/me/points")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(points.getLong("balance"))
                    .as(person + "'s points balance")
                    .isEqualTo(person.points);
            assertThat(points.getLong("held")).as(person + "'s points held").isEqualTo(person.pointsHeld);
        });
        Map<String, String> expected = new LinkedHashMap<>();
        coupons.values().stream().filter(c -> c.recipient == person).forEach(c -> expected.put(c.code, c.status));
        settled(person + "'s coupons", () -> {
            List<Map<String, Object>> listed = person.member
                    .request()
                    .queryParam("limit", 1000)
                    .get("/api/me/coupons")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            Map<String, String> actual = new LinkedHashMap<>();
            listed.forEach(c -> actual.put((String) c.get("code"), (String) c.get("status")));
            assertThat(actual).as(person + "'s coupons").containsExactlyInAnyOrderEntriesOf(expected);
        });
    }

    /**
     * What each statement lists adds up to the balance it shows: the posted movements less what is held, the
     * pending ones exactly what is held.
     */
    private void checkStatements(Person person) {
        JsonPath wallet = person.member
                .request()
                .queryParam("limit", 1000)
                .get("/api/wallet")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertStatementAddsUp(person + "'s wallet", wallet, "transactions", person.wallet, person.walletHeld);
        JsonPath points = person.member
                .request()
                .queryParam("limit", 1000)
                .get("/api/me/points")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertStatementAddsUp(person + "'s points", points, "history", person.points, person.pointsHeld);
    }

    private static void assertStatementAddsUp(String what, JsonPath statement, String list, long balance, long held) {
        List<Map<String, Object>> lines = statement.getList(list);
        long posted = 0;
        long pending = 0;
        for (Map<String, Object> line : lines) {
            long amount = ((Number) line.get("amount")).longValue();
            switch ((String) line.get("status")) {
                case "POSTED" -> posted += amount;
                case "PENDING" -> pending += Math.min(0, amount); // a pending credit is not the account's yet
                case "VOIDED" -> {}
                default -> throw new AssertionError(what + ": a line of status " + line.get("status"));
            }
        }
        assertThat(statement.getLong("balance")).as(what + " balance").isEqualTo(balance);
        assertThat(posted + pending)
                .as(what + ": posted less pending lines, against the balance " + lines)
                .isEqualTo(balance);
        assertThat(-pending)
                .as(what + ": pending lines, against what is held " + lines)
                .isEqualTo(held);
    }

    /** A resigned account reads nothing any more: its wallet and points are compared with the ledger's rows. */
    private void checkResigned(Person person) {
        assertThat(available("wallet-" + person.member.accountId()))
                .as(person + "'s wallet after resigning")
                .isEqualTo(person.wallet);
        assertThat(available("points-" + person.member.accountId()))
                .as(person + "'s points after resigning")
                .isEqualTo(person.points);
    }

    private long available(String ledgerAccountId) {
        return jdbc.sql("SELECT coalesce(sum(credits_posted - debits_posted - debits_pending), 0) FROM ledger_account"
                        + " WHERE account_id = :id")
                .param("id", ledgerAccountId)
                .query(Long.class)
                .single();
    }

    private void checkShop(Shop shop) {
        settled(shop + "'s wallet", () -> {
            JsonPath wallet = admin.request()
                    .queryParam("limit", 1000)
                    .get("/api/stores/" + shop.merchant.storeId() + "/wallet")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(wallet.getLong("balance")).as(shop + "'s wallet balance").isEqualTo(shop.wallet);
            assertThat(wallet.getLong("held")).as(shop + "'s wallet held").isZero();
            long listed = wallet.getList("transactions.amount", Long.class).stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(listed).as(shop + "'s wallet transactions").isEqualTo(shop.wallet);
        });
    }

    private JsonPath orderOf(Order order) {
        return admin.request()
                .get("/api/store-orders/" + order.id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void checkOrder(Order order) {
        settled(order.toString(), () -> {
            JsonPath seen = orderOf(order);
            assertThat(seen.getString("status")).as("status of " + order).isEqualTo(order.status);
            assertThat(seen.getLong("amountDue")).as("amountDue of " + order).isEqualTo(order.amountDue);
            assertThat(seen.getLong("pointsUsed")).as("pointsUsed of " + order).isEqualTo(order.pointsUsed);
            if (order.status.equals("COMPLETED")) {
                assertThat(seen.getLong("pointsEarned"))
                        .as("pointsEarned of " + order)
                        .isEqualTo(order.pointsEarned);
            }
        });
    }

    private JsonPath campaignView(Campaign campaign) {
        return client().get("/api/campaigns/" + campaign.id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void checkCampaign(Campaign campaign) {
        if (campaign.withdrawn) {
            settled(
                    campaign + " gone",
                    () -> client().get("/api/campaigns/" + campaign.id).then().statusCode(404));
            return;
        }
        settled(campaign.toString(), () -> {
            JsonPath seen = campaignView(campaign);
            assertThat(seen.getString("status")).as("status of " + campaign).isEqualTo(campaign.status);
            assertThat(seen.getLong("totalFunded")).as("total of " + campaign).isEqualTo(campaign.total());
            assertThat(seen.getInt("participants"))
                    .as("participants of " + campaign)
                    .isEqualTo(campaign.backers.size());
            assertThat(seen.getLong("fundingUnit")).as("unit of " + campaign).isEqualTo(campaign.unit);
        });
    }

    /** Refunds are durable deadlines run a moment later: each payment must end as the model says. */
    private void checkProvider() {
        eventually("what PortOne holds", () -> {
            Map<String, String> actual = new LinkedHashMap<>();
            provider.keySet().forEach(impUid -> actual.put(impUid, FakePortOne.status(impUid)));
            assertThat(actual).as("PortOne's payments").containsExactlyInAnyOrderEntriesOf(provider);
        });
    }

    // ---------------------------------------------------------------- plumbing

    private static void refused(Response response, int status, String code) {
        assertThat(response.statusCode())
                .as("status of a refusal expected as " + code + ": " + response.asString())
                .isEqualTo(status);
        assertThat(response.<String>path("code")).as("refusal code").isEqualTo(code);
    }

    private static List<Integer> codes(List<Response> answers) {
        return answers.stream().map(Response::statusCode).toList();
    }

    /** The same call on both nodes released together; answers in node order. */
    private List<Response> onBothNodes(Function<Function<RequestSpecification, RequestSpecification>, Response> call) {
        return secondNodeRace(call, call);
    }

    /** The first call to the test's node and the second to the other, released together; answers in that order. */
    private List<Response> secondNodeRace(
            Function<Function<RequestSpecification, RequestSpecification>, Response> first,
            Function<Function<RequestSpecification, RequestSpecification>, Response> second) {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Response> one = threads.submit(() -> {
                start.await();
                return first.apply(request -> request);
            });
            Future<Response> two = threads.submit(() -> {
                start.await();
                return second.apply(request -> request.port(secondNode.port()));
            });
            return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
