package io.hindsight.platform;

import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.booking.BookingApi;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.shop.ShopSteps;
import io.hindsight.store.StoreSteps;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.ApiOperations;
import io.hindsight.support.ApiOperations.Call;
import io.hindsight.support.ApiOperations.Operation;
import io.hindsight.support.ApiOperations.Parameter;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Who may see and do what, over every operation {@code /v3/api-docs} describes with an id in its path. Member A
 * (with the host of A's booking, the merchant of A's store and the publisher of A's campaign) owns one object of
 * each kind; then every such operation is called with those ids by another member, a merchant of another store
 * who also holds HOST and PUBLISHER, an AUDITOR and an ADMIN (where the API gives them no right to it), and
 * anonymously. Each answer must be exactly the answer the same caller gets for ids that name nothing (status,
 * code, title and detail alike), so that nobody learns that A's object exists; a role refusal is 403
 * {@code FORBIDDEN}, no token 401; nothing is a 5xx. Afterwards A's objects read back unchanged, every projection
 * has caught up with nothing parked, and lists, streams and as-of reads of the others show nothing of A's.
 */
class AccessMatrixIT extends IntegrationTest {

    private static final RestAssuredConfig BOUNDED = RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000)
                    .setParam("http.socket.timeout", 20_000));

    /** Operations with an id in the path that name no object of one user: any member may call them. */
    private static final Set<String> OPEN_TO_EVERY_MEMBER = Set.of(
            "GET /api/spaces/{spaceId}",
            "GET /api/spaces/{spaceId}/availability",
            "PUT /api/spaces/{spaceId}/like",
            "DELETE /api/spaces/{spaceId}/like",
            "GET /api/snacks/{snackId}",
            "PUT /api/snacks/{snackId}/reaction",
            "DELETE /api/snacks/{snackId}/reaction",
            "GET /api/snack-orders/{orderId}",
            "GET /api/products/{productId}",
            "GET /api/stores/{storeId}",
            "GET /api/campaigns/{campaignId}",
            "POST /api/campaigns/{campaignId}/fundings",
            "GET /api/images/{imageName}",
            "PATCH /api/cart/items/{productId}",
            "DELETE /api/cart/items/{productId}",
            "POST /api/auth/social/{provider}",
            "POST /api/me/social/{provider}");

    /** Anyone may read these, without a token too. */
    private static final Set<String> PUBLIC = Set.of(
            "GET /api/spaces/{spaceId}",
            "GET /api/spaces/{spaceId}/availability",
            "GET /api/products/{productId}",
            "GET /api/stores/{storeId}",
            "GET /api/campaigns/{campaignId}",
            "GET /api/images/{imageName}",
            "POST /api/auth/social/{provider}");

    /** A snack is every member's to see, so changing another's is a plain 403 (snack.md), not a 404. */
    private static final Set<String> FORBIDDEN_TO_OTHERS = Set.of("PATCH /api/snacks/{snackId}");

    /**
     * Ids of objects anyone may look up (a space, a live campaign, a store and its menu, a snack, a product, an
     * image): that one exists is no secret, so a refusal may say why ("You publish no campaign ...") as long as its
     * status and code are those of an id that names nothing. Other ids must be refused word for word alike.
     */
    private static final Set<String> PUBLICLY_KNOWN_IDS =
            Set.of("spaceId", "campaignId", "storeId", "menuId", "snackId", "productId", "imageName");

    /** Paths for ADMINs (and, to read, AUDITORs) alone. */
    private static final List<String> STAFF_PATHS =
            List.of("/api/admin/", "/api/audit/", "/api/events", "/api/stats/", "/api/operations/");

    private static final Set<String> STAFF_ONLY = Set.of(
            "POST /api/products",
            "PATCH /api/products/{productId}",
            "POST /api/snacks/{snackId}/retire",
            "POST /api/snack-orders/{orderId}/status",
            "POST /api/campaigns/{campaignId}/cancel");

    /** What an AUDITOR may read under /api/admin and /api/stats. */
    private static final Set<String> AUDITOR_READS = Set.of(
            "GET /api/admin/users/{accountId}",
            "GET /api/admin/users/{accountId}/history",
            "GET /api/admin/users/{accountId}/receipts",
            "GET /api/admin/ledger/check",
            "GET /api/stats/sales",
            "GET /api/stats/snack-orders");

    /** Live streams, checked as streams below. */
    private static final Set<String> STREAMS = Set.of("GET /api/stores/{storeId}/orders/stream");

    private static final int THREADS = 3;

    private static World world;

    @Test
    void anotherUsersObjectAnswersExactlyAsNoObjectOnEveryOperationAndNothingChanges() throws Exception {
        World w = world();
        Member admin = api.admin();
        // what the other tests set off (points for a completed order, say) has landed before the snapshot
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);
        Map<String, String> before = w.snapshot(admin);

        ApiOperations described = ApiOperations.fromRunningApi();
        described.know("snackId", w.snackId);
        described.know("productId", w.productId);
        List<Operation> operations = described.all().stream()
                .filter(operation -> !operation.pathParameters().isEmpty())
                .filter(operation -> !STREAMS.contains(operation.toString()))
                .toList();
        assertThat(operations).hasSizeGreaterThan(40);

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Operation operation : operations) {
                Call wellFormed = described.wellFormed(operation);
                for (String asOf : asOfValues(operation, w)) {
                    done.add(workers.submit(() -> probe(w, operation, wellFormed, asOf, failures, calls)));
                }
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
        }
        System.out.println("AccessMatrixIT sent " + calls.get() + " requests to " + operations.size() + " operations");
        assertThat(failures)
                .as("answers that told or did more than to a stranger")
                .isEmpty();

        Projections.awaitAllCaughtUp(admin);
        assertThat(w.snapshot(admin))
                .as("A's objects, read back by their owners")
                .isEqualTo(before);
        assertThat(Projections.deadLetters(admin)).as("events parked").isEqualTo(deadLettersBefore);
    }

    /** Calls one operation on A's ids (as of an instant, when given) as everyone, and on ids that name nothing. */
    private static void probe(
            World w, Operation operation, Call wellFormed, String asOf, List<String> failures, AtomicInteger calls) {
        String name = operation.toString();
        Set<String> rightful = w.rightful(name);
        Map<String, String> query = new LinkedHashMap<>(wellFormed.query());
        if (asOf != null) {
            query.put("asOf", ApiOperations.urlEncoded(asOf));
        }
        Map<String, String> mine = new LinkedHashMap<>();
        Map<String, String> none = new LinkedHashMap<>();
        for (Parameter parameter : operation.pathParameters()) {
            mine.put(parameter.name(), w.idOf(operation.path(), parameter.name()));
            none.put(parameter.name(), w.noIdLike(operation.path(), parameter.name()));
        }
        Call onMine = new Call(operation, "A's", mine, query, w.bodyOf(name, wellFormed.body()));
        Call onNone = new Call(operation, "nobody's", none, query, onMine.body());

        Response anonymous = sendAnonymously(onMine);
        calls.incrementAndGet();
        if (PUBLIC.contains(name)) {
            expectNoServerError("anonymous", onMine, anonymous, failures);
        } else {
            expect(
                    anonymous.statusCode() == 401 && "UNAUTHENTICATED".equals(code(anonymous)),
                    "anonymous",
                    onMine,
                    anonymous,
                    "401 UNAUTHENTICATED",
                    failures);
        }
        if (OPEN_TO_EVERY_MEMBER.contains(name)) {
            if (operation.method().equals("GET")) {
                for (Caller caller : w.others()) {
                    Response answer = onMine.send(caller.token(), BOUNDED);
                    calls.incrementAndGet();
                    expectNoServerError(caller.name(), onMine, answer, failures);
                }
            }
            return;
        }
        boolean staffOnly = STAFF_PATHS.stream().anyMatch(operation.path()::startsWith) || STAFF_ONLY.contains(name);
        for (Caller caller : w.callers()) {
            if (staffOnly && !Set.of("member", "auditor", "admin").contains(caller.name())) {
                continue; // refused by role before anything is read: staffOperationsRefuseEveryoneElse... checks it
            }
            if (rightful.contains(caller.name())) {
                // before A's objects were made, they answer 404 to their owners as to anyone
                boolean existed = !w.startedAt.toString().equals(asOf);
                if (operation.method().equals("GET") && w.ownerScoped(name) && existed) {
                    Response answer = onMine.send(caller.token(), BOUNDED);
                    calls.incrementAndGet();
                    expect(answer.statusCode() == 200, caller.name(), onMine, answer, "200", failures);
                }
                continue;
            }
            Response answer = onMine.send(caller.token(), BOUNDED);
            Response control = onNone.send(caller.token(), BOUNDED);
            calls.addAndGet(2);
            if (w.mayRead(name).contains(caller.name())) {
                // sees the object, so may be told why it cannot do this to it (a host paying a guest's booking)
                expect(
                        answer.statusCode() / 100 == 4
                                && (answer.statusCode() != 403 || "FORBIDDEN".equals(code(answer))),
                        caller.name(),
                        onMine,
                        answer,
                        "a 4xx refusal",
                        failures);
                continue;
            }
            if (FORBIDDEN_TO_OTHERS.contains(name)) {
                expect(
                        answer.statusCode() == 403 && "FORBIDDEN".equals(code(answer)),
                        caller.name(),
                        onMine,
                        answer,
                        "403 FORBIDDEN",
                        failures);
                continue;
            }
            boolean existenceIsPublic = operation.pathParameters().stream()
                    .allMatch(parameter -> PUBLICLY_KNOWN_IDS.contains(parameter.name()));
            expectRefusedAsNothing(caller.name(), onMine, answer, mine, control, none, existenceIsPublic, failures);
        }
    }

    @Test
    void staffOperationsRefuseEveryoneElseBeforeReadingTheirIdsOrBodies() {
        World w = world();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Operation operation : ApiOperations.fromRunningApi().all()) {
            String name = operation.toString();
            boolean staffOnly =
                    STAFF_PATHS.stream().anyMatch(operation.path()::startsWith) || STAFF_ONLY.contains(name);
            if (!staffOnly) {
                continue;
            }
            boolean auditorMayCall = operation.method().equals("GET")
                            && !operation.path().startsWith("/api/admin/")
                            && !operation.path().startsWith("/api/stats/")
                    || AUDITOR_READS.contains(name);
            Map<String, String> path = new LinkedHashMap<>();
            operation.pathParameters().forEach(parameter -> path.put(parameter.name(), "not-an-id"));
            Call unreadable = new Call(
                    operation, "unreadable", path, Map.of(), operation.method().equals("GET") ? null : "{");
            List<Caller> refused = new ArrayList<>(List.of(
                    new Caller("owner", w.a.accessToken()),
                    w.b(),
                    w.otherMerchant(),
                    new Caller("merchant", w.merchant.token())));
            if (!auditorMayCall) {
                refused.add(new Caller("auditor", w.auditor.accessToken()));
            }
            for (Caller caller : refused) {
                Response answer = unreadable.send(caller.token(), BOUNDED);
                checked++;
                expect(
                        answer.statusCode() == 403 && "FORBIDDEN".equals(code(answer)),
                        caller.name(),
                        unreadable,
                        answer,
                        "403 FORBIDDEN",
                        failures);
            }
            Response anonymous = sendAnonymously(unreadable);
            checked++;
            expect(
                    anonymous.statusCode() == 401 && "UNAUTHENTICATED".equals(code(anonymous)),
                    "anonymous",
                    unreadable,
                    anonymous,
                    "401 UNAUTHENTICATED",
                    failures);
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(failures)
                .as("staff operations that answered others more than 403")
                .isEmpty();
    }

    @Test
    void listsStreamsAndBackersOfOthersShowNothingOfTheOwners() throws Exception {
        World w = world();
        // a backer is shown their own funding of a campaign, never another backer's
        CampaignSteps.fund(w.b, w.campaignId).then().statusCode(201);
        for (Caller caller : List.of(w.b(), w.otherMerchant())) {
            for (String path : List.of(
                    "/api/store-orders",
                    "/api/me/coupons",
                    "/api/bookings",
                    "/api/receipts",
                    "/api/snack-orders?mine=true",
                    "/api/snack-orders/snacks?mine=true",
                    "/api/me/spaces",
                    "/api/cart",
                    "/api/me/points",
                    "/api/me",
                    "/api/campaigns/" + w.campaignId,
                    "/api/campaigns/" + w.campaignId + "?asOf=" + Instant.now())) {
                Response answer = caller.request().get(path);
                assertThat(answer.statusCode()).as(caller.name() + " " + path).isEqualTo(200);
                w.assertShowsNothingOfTheOwners(caller.name() + " GET " + path, answer.asString());
            }
        }
        Response wallet = w.b().request().get("/api/wallet");
        assertThat(wallet.statusCode()).isEqualTo(200);
        w.assertShowsNothingOfTheOwners("B's wallet", wallet.asString());
        for (String path : List.of(
                "/api/stores/" + w.otherMerchant.storeId + "/orders",
                "/api/stores/" + w.otherMerchant.storeId + "/wallet",
                "/api/stores/" + w.otherMerchant.storeId + "/wallet?asOf=" + Instant.now())) {
            Response answer = w.otherMerchant().request().get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            w.assertShowsNothingOfTheOwners("the other merchant's " + path, answer.asString());
        }
        Response anonymousCampaign = client().get("/api/campaigns/" + w.campaignId);
        assertThat(anonymousCampaign.<List<?>>path("backers"))
                .as("backers shown to anyone")
                .isEmpty();
        w.assertShowsNothingOfTheOwners("the campaign to anyone", anonymousCampaign.asString());

        // from the first event on: the owner's streams replay the owner's events, nobody else's shows any
        try (Stream owners = Stream.open(port, "/api/me/notifications/stream?after=0", w.a.accessToken());
                Stream merchants = Stream.open(
                        port, "/api/stores/" + w.merchant.storeId + "/orders/stream?after=0", w.merchant.token);
                Stream others = Stream.open(port, "/api/me/notifications/stream?after=0", w.b.accessToken());
                Stream otherStores = Stream.open(
                        port,
                        "/api/stores/" + w.otherMerchant.storeId + "/orders/stream?after=0",
                        w.otherMerchant.token)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> owners.text().contains(w.couponCode)
                            && merchants.text().contains(w.storeOrderId));
            assertThat(others.status()).isEqualTo(200);
            assertThat(otherStores.status()).isEqualTo(200);
            w.assertShowsNothingOfTheOwners("B's notifications", others.text());
            w.assertShowsNothingOfTheOwners("the other store's order stream", otherStores.text());
        }
        String noStore = UUID.randomUUID().toString();
        for (Caller caller : w.callers()) {
            if (caller.name().equals("merchant")) {
                continue;
            }
            Response answer = streamRequest(caller.token(), "/api/stores/" + w.merchant.storeId + "/orders/stream");
            Response control = streamRequest(caller.token(), "/api/stores/" + noStore + "/orders/stream");
            List<String> failures = new ArrayList<>();
            expectSameRefusal(
                    caller.name() + " GET the store's order stream",
                    answer,
                    Map.of("storeId", w.merchant.storeId),
                    control,
                    Map.of("storeId", noStore),
                    failures);
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void objectsPastTheirFirstStateAreRefusedAsNothingTooNotWithTheirState() {
        World w = world();
        Member admin = api.admin();
        String canceledBooking = BookingApi.booked(w.a, w.spaceId, BookingApi.inDays(31), "DAY");
        w.a.request()
                .post("/api/bookings/" + canceledBooking + "/cancel")
                .then()
                .statusCode(200);
        String paidBooking = BookingApi.booked(w.a, w.spaceId, BookingApi.inDays(32), "DAY");
        w.a.request().post("/api/bookings/" + paidBooking + "/confirm").then().statusCode(200);

        String snack = w.a.registersSnack("Access snack in states");
        String canceledSnackOrder = snackOrder(w.a, snack);
        w.a.request()
                .post("/api/snack-orders/" + canceledSnackOrder + "/cancel")
                .then()
                .statusCode(200);
        String approvedSnackOrder = snackOrder(w.a, snack);
        admin.request()
                .body(Map.of("status", "APPROVED"))
                .post("/api/snack-orders/" + approvedSnackOrder + "/status")
                .then()
                .statusCode(200);

        String acceptedOrder = pointsOrder(w);
        w.merchant
                .member()
                .request()
                .post("/api/store-orders/" + acceptedOrder + "/accept")
                .then()
                .statusCode(200);
        String completedOrder = pointsOrder(w);
        w.merchant
                .member()
                .request()
                .post("/api/store-orders/" + completedOrder + "/accept")
                .then()
                .statusCode(200);
        w.merchant
                .member()
                .request()
                .post("/api/store-orders/" + completedOrder + "/complete")
                .then()
                .statusCode(200);

        String unlistedSpace = BookingApi.registerSpace(w.host);
        w.host.request().post("/api/spaces/" + unlistedSpace + "/unlist").then().statusCode(200);
        Projections.awaitAllCaughtUp(admin);

        String bookingsDay = BookingApi.inDays(31).toString();
        Map<String, List<String>> callsOnIds = new LinkedHashMap<>();
        for (String booking : List.of(canceledBooking, paidBooking)) {
            callsOnIds.put(
                    booking,
                    List.of("GET /api/bookings/", "POST /api/bookings/ /confirm", "POST /api/bookings/ /cancel"));
        }
        for (String order : List.of(canceledSnackOrder, approvedSnackOrder)) {
            callsOnIds.put(order, List.of("PUT /api/snack-orders/ /items", "POST /api/snack-orders/ /cancel"));
        }
        for (String order : List.of(acceptedOrder, completedOrder)) {
            callsOnIds.put(
                    order,
                    List.of(
                            "GET /api/store-orders/",
                            "POST /api/store-orders/ /accept",
                            "POST /api/store-orders/ /reject",
                            "POST /api/store-orders/ /complete"));
        }
        Map<String, String> before = new LinkedHashMap<>();
        for (String booking : List.of(canceledBooking, paidBooking)) {
            before.put(booking, w.a.request().get("/api/bookings/" + booking).asString());
        }
        for (String order : List.of(canceledSnackOrder, approvedSnackOrder)) {
            before.put(order, w.a.request().get("/api/snack-orders/" + order).asString());
        }
        for (String order : List.of(acceptedOrder, completedOrder)) {
            before.put(order, w.a.request().get("/api/store-orders/" + order).asString());
        }
        Map<String, Object> body = Map.of("items", List.of(Map.of("snackId", snack, "quantity", 3)), "reason", "x");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> object : callsOnIds.entrySet()) {
            String id = object.getKey();
            String none = id.startsWith("bk_")
                    ? "bk_" + w.spaceId + "_" + bookingsDay + "_"
                            + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    : UUID.randomUUID().toString();
            for (String call : object.getValue()) {
                String[] methodAndPath = call.split(" ");
                String suffix = methodAndPath.length > 2 ? methodAndPath[2] : "";
                for (Caller caller : List.of(w.b(), w.otherMerchant())) {
                    Function<String, Response> send = target ->
                            caller.request().body(body).request(methodAndPath[0], methodAndPath[1] + target + suffix);
                    expectSameRefusal(
                            caller.name() + " " + call + " on " + id,
                            send.apply(id),
                            Map.of("id", id),
                            send.apply(none),
                            Map.of("id", none),
                            failures);
                }
            }
        }
        String noSpace = UUID.randomUUID().toString();
        for (String call : List.of("POST /unlist", "POST /relist", "PATCH ", "GET /bookings")) {
            String[] methodAndSuffix = call.split(" ");
            Function<String, Response> send = target -> w.otherMerchant()
                    .request()
                    .body(Map.of("title", "Taken over"))
                    .request(
                            methodAndSuffix[0],
                            "/api/spaces/" + target + (methodAndSuffix.length > 1 ? methodAndSuffix[1] : ""));
            Response answer = send.apply(unlistedSpace);
            Response control = send.apply(noSpace);
            if (answer.statusCode() != control.statusCode() || !Objects.equals(code(answer), code(control))) {
                failures.add("otherMerchant " + call + " on an unlisted space -> " + answer.statusCode() + " "
                        + code(answer) + ", for no space " + control.statusCode() + " " + code(control));
            }
        }
        assertThat(failures).as("refusals that told an object's state").isEmpty();

        Projections.awaitAllCaughtUp(admin);
        before.forEach((id, read) -> {
            String path = id.startsWith("bk_")
                    ? "/api/bookings/"
                    : read.contains("\"requesterId\"") ? "/api/snack-orders/" : "/api/store-orders/";
            assertThat(w.a.request().get(path + id).asString()).as(id).isEqualTo(read);
        });
        assertThat(w.host.request().get("/api/spaces/" + unlistedSpace).<Boolean>path("listed"))
                .isFalse();
        LedgerSteps.assertLedgerHolds(admin);
    }

    private static String snackOrder(Member member, String snackId) {
        return member.request()
                .body(Map.of("items", List.of(Map.of("snackId", snackId, "quantity", 1))))
                .post("/api/snack-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
    }

    /** An order of A's at A's store, paid with points, so placed at once. */
    private static String pointsOrder(World w) {
        return w.a.request()
                .body(Map.of(
                        "storeId", w.merchant.storeId(),
                        "items", List.of(Map.of("menuId", w.menuId, "quantity", 1)),
                        "delivery", Map.of("address", "A's secret address 9"),
                        "points", 1_000))
                .post("/api/store-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
    }

    @Test
    void anotherUsersIdBehindOnesOwnIsRefusedAsNothing() {
        World w = world();
        Member other = w.otherMerchant.member();
        String othersSpace = BookingApi.registerSpace(other);
        String noMenu = UUID.randomUUID().toString();
        String noImage = UUID.randomUUID() + ".png";
        List<String> failures = new ArrayList<>();
        String ownStore = "/api/stores/" + w.otherMerchant.storeId() + "/menus/";
        expectSameRefusal(
                "A's merchant's menu item behind the other merchant's own store",
                other.request().body(Map.of("price", 1)).patch(ownStore + w.menuId),
                Map.of("menuId", w.menuId),
                other.request().body(Map.of("price", 1)).patch(ownStore + noMenu),
                Map.of("menuId", noMenu),
                failures);
        String ownSpace = "/api/spaces/" + othersSpace + "/images/";
        expectSameRefusal(
                "the image of A's host's space behind the other host's own space",
                other.request().delete(ownSpace + w.imageName),
                Map.of("imageName", w.imageName),
                other.request().delete(ownSpace + noImage),
                Map.of("imageName", noImage),
                failures);
        assertThat(failures).isEmpty();
        client().get("/api/images/" + w.imageName).then().statusCode(200);
        assertThat(client().get("/api/stores/" + w.merchant.storeId())
                        .<Integer>path("menu.find { it.menuId == '" + w.menuId + "' }.price"))
                .isEqualTo(1_000);
    }

    @Test
    void aWithdrawnCampaignIsRefusedToStrangersWordForWordAsNoCampaign() {
        World w = world();
        String withdrawn = CampaignSteps.createCampaign(w.publisher, "Withdrawn access campaign", 10_000, 1_000);
        w.publisher.request().delete("/api/campaigns/" + withdrawn).then().statusCode(204);
        String none = "cmp-" + UUID.randomUUID();
        for (Member stranger : List.of(w.a, w.b, w.otherMerchant.member(), w.admin)) {
            for (String method : List.of("GET", "PATCH", "DELETE", "POST close")) {
                Function<String, Response> call = id -> {
                    var request = stranger.request().body(Map.of("title", "Taken over"));
                    return switch (method) {
                        case "GET" -> request.get("/api/campaigns/" + id);
                        case "PATCH" -> request.patch("/api/campaigns/" + id);
                        case "DELETE" -> request.delete("/api/campaigns/" + id);
                        default -> request.post("/api/campaigns/" + id + "/close");
                    };
                };
                List<String> failures = new ArrayList<>();
                expectSameRefusal(
                        method + " a withdrawn campaign",
                        call.apply(withdrawn),
                        Map.of("campaignId", withdrawn),
                        call.apply(none),
                        Map.of("campaignId", none),
                        failures);
                assertThat(failures).isEmpty();
            }
        }
    }

    @Test
    void aCouponIsNobodysButItsRecipientsNotEvenItsGivers() {
        World w = world();
        String unknown = "7EWZGQ5YMEQBB7AGJNWXX53YKA";
        for (Member stranger : List.of(w.b, w.giver, w.otherMerchant.member())) {
            for (String path : List.of("/api/coupons/register", "/api/store-orders/with-coupon")) {
                Map<String, Object> delivery = Map.of("address", "1 Elsewhere-ro");
                Response answer = stranger.request()
                        .body(Map.of("code", w.couponCode, "couponCode", w.couponCode, "delivery", delivery))
                        .post(path);
                Response control = stranger.request()
                        .body(Map.of("code", unknown, "couponCode", unknown, "delivery", delivery))
                        .post(path);
                List<String> failures = new ArrayList<>();
                expectSameRefusal(
                        "POST " + path + " with A's coupon",
                        answer,
                        Map.of("code", w.couponCode),
                        control,
                        Map.of("code", unknown),
                        failures);
                assertThat(failures).isEmpty();
                assertThat(code(answer)).isEqualTo("COUPON_NOT_FOUND");
            }
        }
        assertThat(w.a.request().get("/api/me/coupons").<String>path("[0].status"))
                .isEqualTo("ISSUED");

        // used, the coupon's order is its recipient's: the giver learns neither it nor where it goes
        w.a.request()
                .body(Map.of("code", w.couponCode))
                .post("/api/coupons/register")
                .then()
                .statusCode(200);
        String couponOrderId = w.a.request()
                .body(Map.of("couponCode", w.couponCode, "delivery", Map.of("address", "A's secret address 8")))
                .post("/api/store-orders/with-coupon")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        String noOrder = UUID.randomUUID().toString();
        List<String> failures = new ArrayList<>();
        expectSameRefusal(
                "the giver reading the coupon's order",
                w.giver.request().get("/api/store-orders/" + couponOrderId),
                Map.of("orderId", couponOrderId),
                w.giver.request().get("/api/store-orders/" + noOrder),
                Map.of("orderId", noOrder),
                failures);
        assertThat(failures).isEmpty();
        for (String path : List.of("/api/store-orders/" + w.giftOrderId, "/api/store-orders")) {
            String giversView =
                    w.giver.request().get(path).then().statusCode(200).extract().asString();
            assertThat(giversView).as(path).doesNotContain(couponOrderId).doesNotContain("A's secret address");
        }
        w.merchant
                .member()
                .request()
                .get("/api/store-orders/" + couponOrderId)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherUsersCartInABodyIsRefusedAsNoCart() {
        World w = world();
        String cart =
                w.a.request().get("/api/cart").then().statusCode(200).extract().asString();
        String noCart = "cart-" + UUID.randomUUID() + "-1";
        for (Member stranger : List.of(w.b, w.admin, w.auditor)) {
            List<String> failures = new ArrayList<>();
            expectSameRefusal(
                    "checking out A's cart",
                    stranger.request().body(Map.of("cartId", w.openCartId)).post("/api/cart/checkout"),
                    Map.of("cartId", w.openCartId),
                    stranger.request().body(Map.of("cartId", noCart)).post("/api/cart/checkout"),
                    Map.of("cartId", noCart),
                    failures);
            assertThat(failures).isEmpty();
        }
        assertThat(w.a.request()
                        .get("/api/cart")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(cart);
    }

    @Test
    void anIdempotencyKeyIsItsCallersAlone() {
        World w = world();
        String key = "access-matrix-" + UUID.randomUUID();
        long ownersBalance = balance(w.a);
        long othersBalance = balance(w.b);
        Response owners = w.a.request()
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 1234))
                .post("/api/wallet/deposits");
        assertThat(owners.statusCode()).isEqualTo(200);
        Response others = w.b.request()
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 1234))
                .post("/api/wallet/deposits");
        assertThat(others.statusCode()).isEqualTo(200);
        assertThat(others.header("Idempotent-Replayed"))
                .as("B given A's answer")
                .isNull();
        assertThat(others.<String>path("walletId")).isNotEqualTo(owners.<String>path("walletId"));
        assertThat(balance(w.a)).isEqualTo(ownersBalance + 1234);
        assertThat(balance(w.b)).isEqualTo(othersBalance + 1234);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static List<String> asOfValues(Operation operation, World w) {
        boolean takesAsOf =
                operation.queryParameters().stream().anyMatch(p -> p.name().equals("asOf"));
        if (!takesAsOf) {
            return Collections.singletonList(null);
        }
        List<String> values = new ArrayList<>();
        values.add(null);
        values.add(Instant.now().toString());
        values.add(w.startedAt.toString());
        return values;
    }

    private static Response sendAnonymously(Call call) {
        String uri = call.operation().path();
        for (Map.Entry<String, String> variable : call.path().entrySet()) {
            uri = uri.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        StringBuilder url = new StringBuilder(uri);
        call.query()
                .forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(value));
        var request = client().config(BOUNDED).urlEncodingEnabled(false).accept("application/json");
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.operation().method(), url.toString());
    }

    private static Response streamRequest(String token, String path) {
        return client().header("Authorization", "Bearer " + token)
                .accept("text/event-stream")
                .get(path);
    }

    /**
     * The caller is refused A's object exactly as it is refused an object that does not exist: a 4xx problem with
     * the same status, code, title and detail (the ids aside).
     */
    private static void expectRefusedAsNothing(
            String caller,
            Call call,
            Response answer,
            Map<String, String> ids,
            Response control,
            Map<String, String> noIds,
            boolean existenceIsPublic,
            List<String> failures) {
        int status = answer.statusCode();
        if (status / 100 == 2 || status >= 500) {
            failures.add(caller + " " + call + " -> " + status + " " + excerpt(answer));
            return;
        }
        if (status == 403 && !"FORBIDDEN".equals(code(answer))) {
            failures.add(caller + " " + call + " -> 403 with code " + code(answer));
        }
        if (existenceIsPublic) {
            String seen = status + " " + code(answer);
            String expected = control.statusCode() + " " + code(control);
            if (!isProblem(answer) || !seen.equals(expected)) {
                failures.add(caller + " " + call + " -> " + seen + " but for ids that name nothing -> " + expected);
            }
            return;
        }
        expectSameRefusal(caller + " " + call, answer, ids, control, noIds, failures);
    }

    private static void expectSameRefusal(
            String what,
            Response answer,
            Map<String, String> ids,
            Response control,
            Map<String, String> noIds,
            List<String> failures) {
        if (!isProblem(answer)) {
            failures.add(what + " -> " + answer.statusCode() + " not problem+json with a code: " + excerpt(answer));
            return;
        }
        String seen = answer.statusCode() + " " + normalized(answer, ids);
        String expected = control.statusCode() + " " + normalized(control, noIds);
        if (!seen.equals(expected)) {
            failures.add(what + " -> " + seen + "\n    but for ids that name nothing -> " + expected);
        }
    }

    private static String normalized(Response problem, Map<String, String> ids) {
        String text = problem.path("code") + " | " + problem.path("title") + " | " + problem.path("type") + " | "
                + problem.path("detail");
        for (Map.Entry<String, String> id : ids.entrySet()) {
            text = text.replace(id.getValue(), "{" + id.getKey() + "}");
        }
        return text;
    }

    private static void expect(
            boolean holds, String caller, Call call, Response answer, String expected, List<String> failures) {
        if (!holds) {
            failures.add(caller + " " + call + " -> " + answer.statusCode() + " " + excerpt(answer) + " (expected "
                    + expected + ")");
        } else if (answer.statusCode() >= 400 && !isProblem(answer)) {
            failures.add(caller + " " + call + " -> " + answer.statusCode() + " not problem+json");
        }
    }

    private static void expectNoServerError(String caller, Call call, Response answer, List<String> failures) {
        if (answer.statusCode() >= 500 || answer.statusCode() >= 400 && !isProblem(answer)) {
            failures.add(caller + " " + call + " -> " + answer.statusCode() + " " + excerpt(answer));
        }
    }

    private static boolean isProblem(Response answer) {
        return String.valueOf(answer.contentType()).startsWith("application/problem+json") && code(answer) != null;
    }

    private static String code(Response answer) {
        try {
            return answer.path("code");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String excerpt(Response answer) {
        String text = answer.asString();
        return text.substring(0, Math.min(300, text.length()));
    }

    private static long balance(Member member) {
        return member.request()
                .get("/api/wallet")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("balance")
                .longValue();
    }

    private World world() {
        synchronized (AccessMatrixIT.class) {
            if (world == null) {
                world = new World(api);
            }
            return world;
        }
    }

    /** Someone who calls: a name the matrix knows them by, and their token. */
    record Caller(String name, String token) {

        RequestSpecification request() {
            return client().header("Authorization", "Bearer " + token);
        }
    }

    /** A merchant with a password, so that roles given later can be logged in with. */
    record Merchant(Member member, String storeId, String token) {}

    /** A's objects and everyone around them. */
    static final class World {

        final Instant startedAt = Instant.now().minusSeconds(1);
        final Member admin;
        final Member a;
        final Member host;
        final Member publisher;
        final Member giver;
        final Member b;
        final Member auditor;
        final Merchant merchant;
        final Merchant otherMerchant;
        final String spaceId;
        final String imageName;
        final String bookingId;
        final LocalDate bookingDate;
        final String campaignId;
        final String menuId;
        final String storeOrderId;
        final String giftOrderId;
        final String couponCode;
        final String snackId;
        final String snackOrderId;
        final String productId;
        final String cartId;
        final String openCartId;
        final String receiptId;

        World(Api api) {
            admin = api.admin();
            a = api.signUpWithWallet("Owner Access", 1_000_000);
            host = api.withWallet(api.withRoles("Host Access", "HOST"), 1);
            publisher = api.withRoles("Publisher Access", "PUBLISHER");
            giver = api.signUp("Giver Access");
            b = api.signUpWithWallet("Stranger Access", 1_000_000);
            auditor = api.withRoles("Auditor Access", "AUDITOR");
            merchant = merchant(api, "Merchant Access");
            Merchant other = merchant(api, "Other Merchant Access");
            api.changeRoles(other.member().accountId(), "MERCHANT", "HOST", "PUBLISHER");
            Member otherLoggedIn =
                    api.logIn(other.member().email(), other.member().password());
            otherMerchant = new Merchant(otherLoggedIn, other.storeId(), otherLoggedIn.accessToken());

            spaceId = BookingApi.registerSpace(host);
            imageName = uploadedImage(host, spaceId);
            bookingDate = BookingApi.inDays(30);
            bookingId = BookingApi.booked(a, spaceId, bookingDate, "NIGHT");
            campaignId = CampaignSteps.createCampaign(publisher, "Access campaign", 1_000_000, 1_000);
            CampaignSteps.fund(a, campaignId).then().statusCode(201);

            menuId = menu(merchant, "Latte", 1_000);
            String freeMenuId = menu(merchant, "Water", 0);
            StoreSteps.grantPoints(admin, a, 10_000, "access matrix");
            storeOrderId = a.request()
                    .body(Map.of(
                            "storeId", merchant.storeId(),
                            "items", List.of(Map.of("menuId", menuId, "quantity", 1)),
                            "delivery", Map.of("address", "A's secret address 7", "request", "A's secret request"),
                            "points", 1_000))
                    .post("/api/store-orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("orderId");
            giftOrderId = giver.request()
                    .body(Map.of(
                            "recipientAccountId",
                            a.accountId(),
                            "storeId",
                            merchant.storeId(),
                            "menuId",
                            freeMenuId,
                            "message",
                            "A's secret gift message"))
                    .post("/api/gifts")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("orderId");
            couponCode = await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.request().get("/api/me/coupons").<String>path("[0].code"), Objects::nonNull);

            snackId = a.registersSnack("Access snack");
            snackOrderId = a.request()
                    .body(Map.of("items", List.of(Map.of("snackId", snackId, "quantity", 2))))
                    .post("/api/snack-orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("orderId");

            productId = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Access product"), 500);
            cartId = ShopSteps.added(a, productId, 2);
            receiptId = ShopSteps.checkedOut(a, cartId);
            openCartId = ShopSteps.added(a, productId, 1);
            Projections.awaitAllCaughtUp(admin);
        }

        private static Merchant merchant(Api api, String name) {
            String email = Api.uniqueEmail(name.toLowerCase().replace(' ', '-'));
            String password = "password-" + name.replace(' ', '-');
            Response response = client().body(Map.of(
                            "email", email,
                            "password", password,
                            "name", name,
                            "storeName", name + "'s Coffee",
                            "address", "1 Merchant-ro, Seoul"))
                    .post("/api/merchants");
            response.then().statusCode(201);
            Member member = new Member(
                    response.path("merchantId"),
                    email,
                    password,
                    response.path("accessToken"),
                    response.path("refreshToken"));
            String storeId = response.path("storeId");
            member.request().put("/api/stores/" + storeId + "/open").then().statusCode(200);
            return new Merchant(member, storeId, member.accessToken());
        }

        private static String menu(Merchant merchant, String name, long price) {
            return merchant.member()
                    .request()
                    .body(Map.of("name", name, "price", price))
                    .post("/api/stores/" + merchant.storeId() + "/menus")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("menuId");
        }

        private static String uploadedImage(Member host, String spaceId) {
            byte[] png = new byte[200];
            byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
            System.arraycopy(signature, 0, png, 0, signature.length);
            return host.request()
                    .contentType("multipart/form-data")
                    .multiPart("file", "photo.png", png, "image/png")
                    .post("/api/spaces/" + spaceId + "/images")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("imageName");
        }

        Caller b() {
            return new Caller("member", b.accessToken());
        }

        Caller otherMerchant() {
            return new Caller("otherMerchant", otherMerchant.token());
        }

        /** Everyone with a token who is not on A's side. */
        List<Caller> others() {
            return List.of(b(), otherMerchant(), new Caller("auditor", auditor.accessToken()));
        }

        /** Everyone with a token the matrix calls with: A's side and the others. */
        List<Caller> callers() {
            return List.of(
                    new Caller("owner", a.accessToken()),
                    new Caller("host", host.accessToken()),
                    new Caller("publisher", publisher.accessToken()),
                    new Caller("merchant", merchant.token()),
                    b(),
                    otherMerchant(),
                    new Caller("auditor", auditor.accessToken()),
                    new Caller("admin", admin.accessToken()));
        }

        /** Who may call the operation on A's objects, as API.md and the context's doc say. */
        Set<String> rightful(String operation) {
            return switch (operation) {
                case "GET /api/bookings/{bookingId}" -> Set.of("owner", "host", "admin", "auditor");
                case "POST /api/bookings/{bookingId}/confirm" -> Set.of("owner");
                case "POST /api/bookings/{bookingId}/cancel" -> Set.of("owner", "host");
                case "GET /api/spaces/{spaceId}/bookings",
                        "PATCH /api/spaces/{spaceId}",
                        "POST /api/spaces/{spaceId}/unlist",
                        "POST /api/spaces/{spaceId}/relist",
                        "POST /api/spaces/{spaceId}/images",
                        "DELETE /api/spaces/{spaceId}/images/{imageName}" -> Set.of("host");
                case "PUT /api/stores/{storeId}/open",
                        "PUT /api/stores/{storeId}/close",
                        "POST /api/stores/{storeId}/menus",
                        "PATCH /api/stores/{storeId}/menus/{menuId}",
                        "POST /api/store-orders/{orderId}/accept",
                        "POST /api/store-orders/{orderId}/complete" -> Set.of("merchant");
                case "POST /api/store-orders/{orderId}/reject" -> Set.of("merchant", "admin");
                case "GET /api/stores/{storeId}/wallet", "GET /api/stores/{storeId}/orders" ->
                    Set.of("merchant", "admin", "auditor");
                case "GET /api/store-orders/{orderId}" -> Set.of("owner", "merchant", "admin", "auditor");
                case "PUT /api/snack-orders/{orderId}/items", "POST /api/snack-orders/{orderId}/cancel" ->
                    Set.of("owner");
                case "PATCH /api/snacks/{snackId}" -> Set.of("owner", "admin");
                case "GET /api/receipts/{receiptId}", "GET /api/carts/{cartId}" -> Set.of("owner", "admin", "auditor");
                case "PATCH /api/campaigns/{campaignId}",
                        "DELETE /api/campaigns/{campaignId}",
                        "POST /api/campaigns/{campaignId}/close" -> Set.of("publisher");
                case "GET /api/admin/users/{accountId}",
                        "GET /api/admin/users/{accountId}/history",
                        "GET /api/admin/users/{accountId}/receipts",
                        "GET /api/audit/aggregates/{aggregateId}/events",
                        "GET /api/audit/aggregates/{aggregateId}/state",
                        "GET /api/audit/events/{position}/proof",
                        "GET /api/audit/correlations/{correlationId}",
                        "GET /api/audit/checkpoints/{checkpointId}" -> Set.of("admin", "auditor");
                default -> Set.of("admin");
            };
        }

        /** Who may read the object the operation's path names, and so knows that it exists. */
        Set<String> mayRead(String operation) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (path.startsWith("/api/bookings/{bookingId}")) {
                return rightful("GET /api/bookings/{bookingId}");
            }
            if (path.startsWith("/api/store-orders/{orderId}")) {
                return rightful("GET /api/store-orders/{orderId}");
            }
            return Set.of();
        }

        /** Whether the path's ids name A's objects (rather than a projection, a dead letter, a checkpoint...). */
        boolean ownerScoped(String operation) {
            return !operation.contains("/api/admin/projections")
                    && !operation.contains("/api/admin/dead-letters")
                    && !operation.contains("/api/admin/erasures")
                    && !operation.contains("/proof")
                    && !operation.contains("/correlations/")
                    && !operation.contains("/checkpoints/");
        }

        String idOf(String path, String name) {
            return switch (name) {
                case "storeId" -> merchant.storeId();
                case "menuId" -> menuId;
                case "spaceId" -> spaceId;
                case "imageName" -> imageName;
                case "bookingId" -> bookingId;
                case "campaignId" -> campaignId;
                case "snackId" -> snackId;
                case "orderId" -> path.startsWith("/api/snack-orders") ? snackOrderId : storeOrderId;
                case "productId" -> productId;
                case "cartId" -> cartId;
                case "receiptId" -> receiptId;
                case "accountId", "aggregateId" -> a.accountId();
                case "position" -> "1";
                case "checkpointId" -> "1";
                case "name" -> "store-orders";
                case "provider" -> "kakao";
                default -> UUID.randomUUID().toString();
            };
        }

        /** An id of the same shape that names nothing (a booking: on the same space and date). */
        String noIdLike(String path, String name) {
            String uuid = UUID.randomUUID().toString();
            return switch (name) {
                case "bookingId" ->
                    "bk_" + spaceId + "_" + bookingDate + "_"
                            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                case "campaignId" -> "cmp-" + uuid;
                case "cartId" -> "cart-" + uuid + "-1";
                case "imageName" -> uuid + ".png";
                case "position", "checkpointId", "name", "provider" -> idOf(path, name);
                default -> uuid;
            };
        }

        /** A body a caller with the right would send (the one the schema describes otherwise). */
        String bodyOf(String operation, String wellFormed) {
            Object body = switch (operation) {
                case "PATCH /api/stores/{storeId}/menus/{menuId}" -> Map.of("price", 2_000);
                case "POST /api/stores/{storeId}/menus" -> Map.of("name", "Taken over", "price", 1);
                case "PUT /api/snack-orders/{orderId}/items" ->
                    Map.of("items", List.of(Map.of("snackId", snackId, "quantity", 3)));
                case "POST /api/store-orders/{orderId}/reject" -> Map.of("reason", "taken over");
                case "PATCH /api/spaces/{spaceId}", "PATCH /api/campaigns/{campaignId}" ->
                    Map.of("title", "Taken over");
                case "PATCH /api/snacks/{snackId}" -> Map.of("price", 5);
                case "POST /api/snack-orders/{orderId}/status" -> Map.of("status", "APPROVED");
                case "POST /api/admin/users/{accountId}/points" -> Map.of("amount", 5, "reason", "x");
                case "PUT /api/admin/users/{accountId}/roles" -> Map.of("roles", List.of("MEMBER"));
                default -> null;
            };
            return body == null ? wellFormed : ApiOperations.json(body);
        }

        /** What A's side reads of A's objects, to compare before and after the others' attempts. */
        Map<String, String> snapshot(Member admin) {
            Map<String, String> reads = new LinkedHashMap<>();
            Map<String, Member> readers = new LinkedHashMap<>();
            readers.put("/api/me", a);
            readers.put("/api/bookings/" + bookingId, a);
            readers.put("/api/spaces/" + spaceId, a);
            readers.put("/api/me/spaces", host);
            readers.put("/api/campaigns/" + campaignId, publisher);
            readers.put("/api/stores/" + merchant.storeId(), a);
            readers.put("/api/stores/" + merchant.storeId() + "/orders", merchant.member());
            readers.put("/api/stores/" + merchant.storeId() + "/wallet", merchant.member());
            readers.put("/api/store-orders/" + storeOrderId, a);
            readers.put("/api/store-orders/" + giftOrderId, giver);
            readers.put("/api/me/coupons", a);
            readers.put("/api/me/points", a);
            readers.put("/api/wallet", a);
            readers.put("/api/snacks/" + snackId, a);
            readers.put("/api/snack-orders/" + snackOrderId, a);
            readers.put("/api/receipts/" + receiptId, a);
            readers.put("/api/carts/" + cartId, a);
            readers.put("/api/cart", a);
            readers.put("/api/products/" + productId, a);
            readers.put("/api/admin/users/" + a.accountId(), admin);
            readers.forEach((path, reader) -> {
                Response answer = reader.request().get(path);
                assertThat(answer.statusCode()).as("GET " + path).isEqualTo(200);
                reads.put(path, answer.asString());
            });
            return reads;
        }

        /** Fails when the text holds any id or personal text of A's side that only A's side may see. */
        void assertShowsNothingOfTheOwners(String what, String text) {
            Map<String, String> secrets = new HashMap<>();
            secrets.put("A's account id", a.accountId());
            secrets.put("A's email", a.email());
            secrets.put("A's booking", bookingId);
            secrets.put("A's store order", storeOrderId);
            secrets.put("the gift to A", giftOrderId);
            secrets.put("A's coupon", couponCode);
            secrets.put("A's receipt", receiptId);
            secrets.put("A's cart", cartId);
            secrets.put("A's open cart", openCartId);
            secrets.put("A's address", "A's secret address");
            secrets.put("A's gift message", "A's secret gift message");
            secrets.put("A's space's host", host.accountId());
            secrets.put("A's merchant", merchant.member().accountId());
            secrets.forEach((name, secret) ->
                    assertThat(text).as(what + " shows " + name).doesNotContain(secret));
        }
    }

    /** A live stream read in the background, as a client with fetch streaming reads it. */
    static final class Stream implements AutoCloseable {

        private static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
        private volatile int status;

        private Stream(int port, String path, String token) {
            response = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", "text/event-stream")
                            .header("Authorization", "Bearer " + token)
                            .header("X-Forwarded-For", IntegrationTest.randomClientAddress())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(answer -> {
                status = answer.statusCode();
                try (java.util.stream.Stream<String> body = answer.body()) {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            });
        }

        static Stream open(int port, String path, String token) {
            return new Stream(port, path, token);
        }

        int status() {
            await().atMost(Duration.ofSeconds(10)).until(() -> status != 0);
            return status;
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void close() {
            response.thenAccept(answer -> answer.body().close());
            response.cancel(true);
        }
    }
}
