package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every flow with a strict status table - snack orders, store orders, bookings, campaigns, carts - swept whole: for
 * each reachable status a fresh object is brought there, and every action of the flow is tried as every kind of
 * caller. Each answer is checked against a table written here from the docs (snack.md, stores.md, booking.md,
 * funding.md, shop.md, api.md), not from the code: status and problem code; a refusal or a no-op leaves the read,
 * the aggregate's event count and the money of everyone involved exactly as they were; a move lands in the status
 * the table names with one more history entry by its actor. Then conflicting moves are raced from two threads, one
 * on a second node: the answers must be those of one of the two serial orders, never a 5xx.
 */
class StatusFlowSweepIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    private static final int RACE_ROUNDS = 2;
    private static final int SWEEPERS = 4;

    /** Who calls, relative to the object: its owner, the other side of it, someone else of that trade, and the rest. */
    enum Caller {
        OWNER,
        COUNTERPART,
        OTHER_COUNTERPART,
        MEMBER,
        ADMIN,
        AUDITOR,
        ANONYMOUS
    }

    /** What the docs say an action does: refused or a no-op (nothing changes), or a change (to a status, or none). */
    record Outcome(int status, String code, String to, boolean changes) {

        static final Outcome UNAUTHENTICATED = refused(401, "UNAUTHENTICATED");
        static final Outcome FORBIDDEN = refused(403, "FORBIDDEN");

        static Outcome refused(int status, String code) {
            return new Outcome(status, code, null, false);
        }

        static Outcome unchanged(int status) {
            return new Outcome(status, null, null, false);
        }

        static Outcome moves(int status, String to) {
            return new Outcome(status, null, to, true);
        }

        /** A change that keeps the status (an edit, a funding): an event, no history entry. */
        static Outcome edits(int status) {
            return new Outcome(status, null, null, true);
        }

        boolean succeeds() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return status
                    + (code == null ? "" : " " + code)
                    + (to == null ? "" : " -> " + to)
                    + (changes ? "" : " (nothing changes)");
        }
    }

    /** One object of a flow: its id, its owner, the aggregate holding its events, and what its actions need. */
    record Subject(String id, Member owner, String aggregateId, String ref) {}

    /** What must not move when nothing changes. {@code history} is -1 where the read keeps none. */
    record Snapshot(String read, String status, int history, String lastActor, int events, String money) {

        boolean sameAs(Snapshot other) {
            return read.equals(other.read) && events == other.events && money.equals(other.money);
        }
    }

    abstract static class Flow {

        final Map<Caller, Member> callers = new EnumMap<>(Caller.class);
        final Member admin;

        Flow(Member admin) {
            this.admin = admin;
        }

        abstract String name();

        /** Reachable states: a status, with "/how" when it is reached in more than one way. */
        abstract List<String> states();

        abstract List<String> actions();

        abstract Subject fresh(String state);

        abstract Response act(String action, RequestSpecification request, Subject subject);

        /** The docs' answer, or null when the flow has no such caller. */
        abstract Outcome expected(String status, String action, Caller caller);

        abstract Snapshot snapshot(Subject subject);

        Member member(Caller caller, Subject subject) {
            return caller == Caller.OWNER ? subject.owner() : callers.get(caller);
        }

        int events(String aggregateId) {
            return admin.request()
                    .get("/api/audit/aggregates/" + aggregateId + "/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<List<?>>path("")
                    .size();
        }

        /**
         * The money an object moved, as the events of the ledger transfers named after it (none yet: 0): per object,
         * so that the sweeps of other states moving the same wallets at the same time do not blur it.
         */
        String transfers(String... transferIds) {
            StringBuilder moved = new StringBuilder();
            for (String transferId : transferIds) {
                Response events = admin.request().get("/api/audit/aggregates/" + transferId + "/events");
                int count = events.statusCode() == 404
                        ? 0
                        : events.<List<?>>path("").size();
                moved.append(transferId).append('=').append(count).append(' ');
            }
            return moved.toString();
        }

        /** A snapshot of a read that has a {@code status} and a {@code statusHistory} of {@code {status,at,actorId}}. */
        Snapshot historied(Response read, String aggregateId, String money) {
            JsonPath json = read.jsonPath();
            List<Map<String, Object>> history = json.getList("statusHistory");
            String lastActor = history.isEmpty()
                    ? null
                    : (String) history.get(history.size() - 1).get("actorId");
            return new Snapshot(
                    read.statusCode() + " " + read.asString(),
                    json.getString("status"),
                    history.size(),
                    lastActor,
                    events(aggregateId),
                    money);
        }
    }

    static String statusOf(String state) {
        int how = state.indexOf('/');
        return how < 0 ? state : state.substring(0, how);
    }

    static String code(Response answer) {
        try {
            return answer.path("code");
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    // ------------------------------------------------------------------ the sweep and the races

    /** Sweeps the states side by side (each on objects of its own): the calls mostly wait for reads to catch up. */
    private static List<String> sweep(Flow flow) throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService states = Executors.newFixedThreadPool(SWEEPERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String state : flow.states()) {
                done.add(states.submit(() -> sweepState(flow, state, failures, calls)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            states.shutdownNow();
        }
        System.out.println("StatusFlowSweepIT " + flow.name() + ": " + calls + " calls in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        return failures;
    }

    /**
     * One state: every action as every caller. Refusals and no-ops all go to one object, whose snapshot is compared
     * after each action's callers (a read per call made the sweep minutes long); each change gets a fresh object.
     */
    private static void sweepState(Flow flow, String state, List<String> failures, AtomicInteger calls) {
        Subject shared = flow.fresh(state);
        Snapshot sharedBefore = flow.snapshot(shared);
        for (String action : flow.actions()) {
            List<Caller> refused = new ArrayList<>();
            for (Caller caller : Caller.values()) {
                Outcome expected = flow.expected(statusOf(state), action, caller);
                if (expected == null) {
                    continue;
                }
                Subject subject = expected.changes() ? flow.fresh(state) : shared;
                Member actor = flow.member(caller, subject);
                Snapshot before = expected.changes() ? flow.snapshot(subject) : null;
                Response answer = flow.act(action, actor == null ? IntegrationTest.client() : actor.request(), subject);
                calls.incrementAndGet();
                String call = flow.name() + " " + state + ": " + action + " as " + caller;
                if (!matches(answer, expected)) {
                    failures.add(call + " answered " + answer.statusCode() + " " + code(answer) + ", the docs say "
                            + expected + " | " + excerpt(answer));
                }
                if (!expected.changes()) {
                    refused.add(caller);
                    continue;
                }
                String wrong = changeDiffers(before, awaitChanged(flow, subject, before, expected), expected, actor);
                if (wrong != null && matches(answer, expected)) {
                    failures.add(call + ": " + wrong);
                }
            }
            if (!refused.isEmpty()) {
                Snapshot after = flow.snapshot(shared);
                if (!after.sameAs(sharedBefore)) {
                    failures.add(flow.name() + " " + state + ": " + action + " as " + refused
                            + " changed what a refusal or a no-op must not: " + sharedBefore + " -> " + after);
                }
                sharedBefore = after;
            }
        }
    }

    private static boolean matches(Response answer, Outcome expected) {
        return answer.statusCode() == expected.status()
                && (expected.code() == null || expected.code().equals(code(answer)));
    }

    /** A change reaches the read a moment after its answer at most. */
    private static Snapshot awaitChanged(Flow flow, Subject subject, Snapshot before, Outcome expected) {
        Snapshot[] last = new Snapshot[1];
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        last[0] = flow.snapshot(subject);
                        return !last[0].read().equals(before.read())
                                && (expected.to() == null || expected.to().equals(last[0].status()));
                    });
        } catch (RuntimeException timedOut) {
            // the comparison that follows says what is wrong with the last read
        }
        return last[0];
    }

    private static String changeDiffers(Snapshot before, Snapshot after, Outcome expected, Member actor) {
        if (!expected.changes()) {
            return after.sameAs(before) ? null : "changed what it must not: " + before + " -> " + after;
        }
        if (after.events() <= before.events()) {
            return "succeeded without an event: " + before.events() + " -> " + after.events();
        }
        String to = expected.to() == null ? before.status() : expected.to();
        if (!Objects.equals(after.status(), to)) {
            return "left the status " + after.status() + ", the docs say " + to;
        }
        if (before.history() >= 0) {
            int grew = after.history() - before.history();
            if (expected.to() == null ? grew != 0 : grew != 1) {
                return "status history grew by " + grew;
            }
            if (expected.to() != null && !actor.accountId().equals(after.lastActor())) {
                return "history's last actor " + after.lastActor() + ", not the caller " + actor.accountId();
            }
        }
        return null;
    }

    private static String excerpt(Response answer) {
        String body = answer.asString();
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    /** One side of a race: an action by a caller. */
    record Move(String action, Caller caller) {}

    /**
     * Races two moves of a fresh object in {@code state}, the second on the second node (swapped every other round):
     * the answers and the final status must be those of one of the two serial orders the table allows.
     */
    private static List<String> race(Flow flow, String state, Move a, Move b) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Subject subject = flow.fresh(state);
            Snapshot before = flow.snapshot(subject);
            boolean swap = round % 2 == 1;
            Move first = swap ? b : a;
            Move second = swap ? a : b;
            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> flow.act(
                            first.action(),
                            node.apply(flow.member(first.caller(), subject).request()),
                            subject),
                    node -> flow.act(
                            second.action(),
                            node.apply(flow.member(second.caller(), subject).request()),
                            subject));
            Response answerA = swap ? answers.get(1) : answers.get(0);
            Response answerB = swap ? answers.get(0) : answers.get(1);
            String status = statusOf(state);
            String race = flow.name() + " " + state + " race " + a + " | " + b + " (round " + round + ")";
            if (answerA.statusCode() >= 500 || answerB.statusCode() >= 500) {
                failures.add(race + ": a 5xx " + excerpt(answerA) + " | " + excerpt(answerB));
                continue;
            }
            String aThenB = serially(flow, status, a, answerA, b, answerB);
            String bThenA = serially(flow, status, b, answerB, a, answerA);
            Snapshot after = flow.snapshot(subject);
            if (!((aThenB != null && aThenB.equals(after.status()))
                    || (bThenA != null && bThenA.equals(after.status())))) {
                failures.add(race + ": answered " + answerA.statusCode() + " " + code(answerA) + " and "
                        + answerB.statusCode() + " " + code(answerB) + ", ending " + after.status()
                        + ", which no serial order gives");
            } else if (after.events() <= before.events()) {
                failures.add(race + ": no event appended");
            }
        }
        return failures;
    }

    /** The final status if the answers are those of {@code x} then {@code y} from {@code status}, else null. */
    private static String serially(Flow flow, String status, Move x, Response answerX, Move y, Response answerY) {
        Outcome first = flow.expected(status, x.action(), x.caller());
        if (!matches(answerX, first)) {
            return null;
        }
        String between = first.to() == null ? status : first.to();
        Outcome then = flow.expected(between, y.action(), y.caller());
        if (!matches(answerY, then)) {
            return null;
        }
        return then.to() == null ? between : then.to();
    }

    private void finish(List<String> failures) {
        Member admin = cast().admin();
        Projections.awaitAllCaughtUp(admin);
        assertThat(failures)
                .as("answers that differ from the docs' status tables")
                .isEmpty();
    }

    private void sweepAndRace(Flow flow, List<Race> races) throws Exception {
        long deadLetters = Projections.deadLetters(cast().admin());
        List<String> failures = new ArrayList<>(sweep(flow));
        // the pairs race side by side, each on objects of its own
        ExecutorService pairs = Executors.newFixedThreadPool(Math.max(1, races.size()));
        try {
            List<Future<List<String>>> raced = new ArrayList<>();
            for (Race race : races) {
                raced.add(pairs.submit(() -> race(flow, race.state(), race.a(), race.b())));
            }
            for (Future<List<String>> pair : raced) {
                failures.addAll(pair.get());
            }
        } finally {
            pairs.shutdownNow();
        }
        finish(failures);
        assertThat(Projections.deadLetters(cast().admin())).as("events parked").isEqualTo(deadLetters);
    }

    record Race(String state, Move a, Move b) {}

    /** The callers every flow shares (each sign-up and log-in hashes a password: seconds on a busy machine). */
    record Cast(Member admin, Member auditor, Member member) {}

    private static Cast cast;

    private Cast cast() {
        if (cast == null) {
            cast = new Cast(
                    api.withWallet(api.withRoles("Sweep admin", "ADMIN"), 1_000_000),
                    api.withWallet(api.withRoles("Sweep auditor", "AUDITOR"), 1_000_000),
                    api.signUpWithWallet("Sweep member", 1_000_000));
        }
        return cast;
    }

    // ------------------------------------------------------------------ snack orders

    @Test
    void snackOrdersAnswerEveryActionOfEveryCallerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        Member requester = api.signUp("Sweep snack requester");
        SnackFlow flow = new SnackFlow(admin, requester);
        flow.callers.put(
                Caller.OTHER_COUNTERPART,
                StoreSteps.openStore("Sweep snack merchant").member());
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        sweepAndRace(
                flow,
                List.of(
                        new Race("CREATED", new Move("cancel", Caller.OWNER), new Move("APPROVED", Caller.ADMIN)),
                        new Race("CREATED", new Move("edit", Caller.OWNER), new Move("CANCELED", Caller.ADMIN)),
                        new Race("APPROVED", new Move("ORDERED", Caller.ADMIN), new Move("CANCELED", Caller.ADMIN))));
    }

    static final class SnackFlow extends Flow {

        /** CREATED -> APPROVED -> ORDERED -> SHIPPING -> COMPLETED, CREATED/APPROVED -> CANCELED (snack.md). */
        private static final Map<String, Set<String>> NEXT = Map.of(
                "CREATED", Set.of("APPROVED", "CANCELED"),
                "APPROVED", Set.of("ORDERED", "CANCELED"),
                "ORDERED", Set.of("SHIPPING"),
                "SHIPPING", Set.of("COMPLETED"));

        private static final List<String> STATUSES =
                List.of("APPROVED", "ORDERED", "SHIPPING", "COMPLETED", "CANCELED");

        private final Member requester;

        SnackFlow(Member admin, Member requester) {
            super(admin);
            this.requester = requester;
        }

        @Override
        String name() {
            return "snack order";
        }

        @Override
        List<String> states() {
            return List.of(
                    "CREATED",
                    "APPROVED",
                    "ORDERED",
                    "SHIPPING",
                    "COMPLETED",
                    "CANCELED/by its requester",
                    "CANCELED/by an ADMIN");
        }

        @Override
        List<String> actions() {
            List<String> actions = new ArrayList<>(List.of("edit", "cancel"));
            actions.addAll(STATUSES);
            return actions;
        }

        @Override
        Subject fresh(String state) {
            String snack = requester.registersSnack("Sweep snack");
            String order = SnackCalls.ordered(requester, snack, 1);
            Subject subject = new Subject(order, requester, order, snack);
            List<String> path = switch (state) {
                case "CREATED", "CANCELED/by its requester" -> List.of();
                case "APPROVED" -> List.of("APPROVED");
                case "ORDERED" -> List.of("APPROVED", "ORDERED");
                case "SHIPPING" -> List.of("APPROVED", "ORDERED", "SHIPPING");
                case "COMPLETED" -> List.of("APPROVED", "ORDERED", "SHIPPING", "COMPLETED");
                case "CANCELED/by an ADMIN" -> List.of("CANCELED");
                default -> throw new IllegalArgumentException(state);
            };
            for (String status : path) {
                SnackCalls.move(admin, order, status).then().statusCode(200);
            }
            if (state.equals("CANCELED/by its requester")) {
                act("cancel", requester.request(), subject).then().statusCode(200);
            }
            return subject;
        }

        @Override
        Response act(String action, RequestSpecification request, Subject subject) {
            String orders = "/api/snack-orders/" + subject.id();
            return switch (action) {
                case "edit" ->
                    request.body(Map.of("items", List.of(Map.of("snackId", subject.ref(), "quantity", 2))))
                            .put(orders + "/items");
                case "cancel" -> request.post(orders + "/cancel");
                default -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("status", action);
                    if (action.equals("ORDERED") || action.equals("SHIPPING")) {
                        body.put("estimatedArrival", LocalDate.now().plusDays(7).toString());
                    }
                    yield request.body(body).post(orders + "/status");
                }
            };
        }

        @Override
        Outcome expected(String status, String action, Caller caller) {
            if (caller == Caller.COUNTERPART) {
                return null; // nobody stands across a snack order but the ADMINs
            }
            if (caller == Caller.ANONYMOUS) {
                return Outcome.UNAUTHENTICATED;
            }
            boolean requester = caller == Caller.OWNER;
            return switch (action) {
                case "edit" ->
                    !requester
                            ? Outcome.refused(404, "SNACK_ORDER_NOT_FOUND")
                            : status.equals("CREATED")
                                    ? Outcome.edits(200)
                                    : Outcome.refused(409, "ORDER_NOT_EDITABLE");
                case "cancel" ->
                    !requester
                            ? Outcome.refused(404, "SNACK_ORDER_NOT_FOUND")
                            : switch (status) {
                                case "CREATED" -> Outcome.moves(200, "CANCELED");
                                case "CANCELED" -> Outcome.unchanged(200);
                                default -> Outcome.refused(409, "ORDER_NOT_CANCELABLE");
                            };
                default ->
                    caller != Caller.ADMIN
                            ? Outcome.FORBIDDEN
                            : NEXT.getOrDefault(status, Set.of()).contains(action)
                                    ? Outcome.moves(200, action)
                                    : Outcome.refused(409, "INVALID_TRANSITION");
            };
        }

        @Override
        Snapshot snapshot(Subject subject) {
            return historied(admin.request().get("/api/snack-orders/" + subject.id()), subject.aggregateId(), "");
        }
    }

    // ------------------------------------------------------------------ store orders

    @Test
    void storeOrdersAnswerEveryActionOfEveryCallerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        Merchant merchant = StoreSteps.openStore("Sweep merchant");
        String menu = StoreSteps.menu(merchant, "Sweep latte", StoreFlow.PRICE);
        Member customer = api.signUp("Sweep customer");
        StoreSteps.grantPoints(admin, customer, 1_000_000, "sweep");
        StoreFlow flow = new StoreFlow(admin, merchant, menu, customer, api.signUp("Sweep gift recipient"));
        flow.callers.put(Caller.COUNTERPART, merchant.member());
        flow.callers.put(
                Caller.OTHER_COUNTERPART,
                StoreSteps.openStore("Sweep other merchant").member());
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        sweepAndRace(
                flow,
                List.of(
                        new Race(
                                "PLACED",
                                new Move("accept", Caller.COUNTERPART),
                                new Move("reject", Caller.COUNTERPART)),
                        new Race("PLACED", new Move("accept", Caller.COUNTERPART), new Move("reject", Caller.ADMIN)),
                        new Race(
                                "ACCEPTED",
                                new Move("complete", Caller.COUNTERPART),
                                new Move("reject", Caller.ADMIN))));
    }

    static final class StoreFlow extends Flow {

        static final long PRICE = 1_000;

        private final Merchant merchant;
        private final String menu;
        private final Member customer;
        private final Member recipient;

        StoreFlow(Member admin, Merchant merchant, String menu, Member customer, Member recipient) {
            super(admin);
            this.merchant = merchant;
            this.menu = menu;
            this.customer = customer;
            this.recipient = recipient;
        }

        @Override
        String name() {
            return "store order";
        }

        @Override
        List<String> states() {
            return List.of(
                    "AWAITING_PAYMENT",
                    "PLACED",
                    "ACCEPTED",
                    "COMPLETED",
                    "REJECTED/placed, by its merchant",
                    "REJECTED/accepted, by an ADMIN",
                    "REFUSED",
                    "GIFTED",
                    "PLACED/paid at PortOne",
                    "ACCEPTED/paid at PortOne",
                    "PLACED/by a coupon",
                    "ACCEPTED/by a coupon");
        }

        @Override
        List<String> actions() {
            return List.of("accept", "reject", "complete");
        }

        @Override
        Subject fresh(String state) {
            String how = state.contains("/") ? state.substring(state.indexOf('/') + 1) : "";
            Subject subject;
            if (state.equals("GIFTED") || how.equals("by a coupon")) {
                String gift = StoreSteps.gift(customer, recipient, merchant, menu, "For you")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("orderId");
                String impUid = StoreSteps.pay(gift, PRICE);
                subject = new Subject(gift, customer, gift, impUid);
                if (how.equals("by a coupon")) {
                    String code = StoreSteps.orderOf(customer, gift).getString("gift.couponCode");
                    recipient
                            .request()
                            .body(Map.of("code", code))
                            .post("/api/coupons/register")
                            .then()
                            .statusCode(200);
                    String order = recipient
                            .request()
                            .body(Map.of("couponCode", code, "delivery", Map.of("address", "1 Sweep-ro")))
                            .post("/api/store-orders/with-coupon")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("orderId");
                    subject = new Subject(order, recipient, order, impUid);
                }
            } else if (state.equals("AWAITING_PAYMENT") || state.equals("REFUSED")) {
                String order = StoreSteps.ordered(customer, merchant.storeId(), menu, 1, 0)
                        .getString("orderId");
                String failed = null;
                if (state.equals("REFUSED")) {
                    failed = FakePortOne.payment(order, PRICE, "failed");
                    StoreSteps.webhook(failed, order, "failed").then().statusCode(200);
                }
                subject = new Subject(order, customer, order, failed);
            } else if (how.equals("paid at PortOne")) {
                String order = StoreSteps.ordered(customer, merchant.storeId(), menu, 1, 0)
                        .getString("orderId");
                subject = new Subject(order, customer, order, StoreSteps.pay(order, PRICE));
            } else {
                String order = StoreSteps.ordered(customer, merchant.storeId(), menu, 1, PRICE)
                        .getString("orderId");
                subject = new Subject(order, customer, order, null);
            }
            switch (state) {
                case "ACCEPTED", "ACCEPTED/paid at PortOne", "ACCEPTED/by a coupon" ->
                    act("accept", merchant.request(), subject).then().statusCode(200);
                case "COMPLETED" -> {
                    act("accept", merchant.request(), subject).then().statusCode(200);
                    act("complete", merchant.request(), subject);
                }
                case "REJECTED/placed, by its merchant" -> act("reject", merchant.request(), subject);
                case "REJECTED/accepted, by an ADMIN" -> {
                    act("accept", merchant.request(), subject).then().statusCode(200);
                    act("reject", admin.request(), subject);
                }
                default -> {}
            }
            String order = subject.id();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> statusOf(state)
                            .equals(admin.request()
                                    .get("/api/store-orders/" + order)
                                    .path("status")));
            return subject;
        }

        @Override
        Response act(String action, RequestSpecification request, Subject subject) {
            return request.body(Map.of("reason", "sweep")).post("/api/store-orders/" + subject.id() + "/" + action);
        }

        @Override
        Outcome expected(String status, String action, Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> Outcome.UNAUTHENTICATED;
                // accept and complete are the merchant's, reject the merchant's and an ADMIN's (stores.md)
                case OWNER, MEMBER, AUDITOR -> Outcome.FORBIDDEN;
                case OTHER_COUNTERPART -> Outcome.refused(404, "STORE_ORDER_NOT_FOUND");
                case ADMIN ->
                    !action.equals("reject")
                            ? Outcome.FORBIDDEN
                            : switch (status) {
                                case "PLACED", "ACCEPTED" -> Outcome.moves(200, "REJECTED");
                                case "REJECTED" -> Outcome.unchanged(200);
                                default -> Outcome.refused(409, "INVALID_TRANSITION");
                            };
                case COUNTERPART -> {
                    String from = switch (action) {
                        case "accept" -> "PLACED";
                        case "reject" -> "PLACED";
                        default -> "ACCEPTED";
                    };
                    String to = switch (action) {
                        case "accept" -> "ACCEPTED";
                        case "reject" -> "REJECTED";
                        default -> "COMPLETED";
                    };
                    yield status.equals(from)
                            ? Outcome.moves(200, to)
                            // "accepting, rejecting or completing twice changes nothing"
                            : status.equals(to) ? Outcome.unchanged(200) : Outcome.refused(409, "INVALID_TRANSITION");
                }
            };
        }

        @Override
        Snapshot snapshot(Subject subject) {
            String order = subject.id();
            String money = transfers(
                    "tr-store-order-points-" + order,
                    "tr-store-sale-" + order,
                    "tr-store-points-earned-" + order,
                    "tr-store-order-points-returned-" + order);
            if (subject.ref() != null) {
                // the payment at PortOne: a refusal never has it cancelled
                money += "portone " + FakePortOne.status(subject.ref()) + " cancels "
                        + FakePortOne.cancelRequests(subject.ref());
            }
            return historied(admin.request().get("/api/store-orders/" + subject.id()), subject.aggregateId(), money);
        }
    }

    // ------------------------------------------------------------------ bookings

    @Test
    void bookingsAnswerEveryActionOfEveryCallerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        Member host = api.withRoles("Sweep host", "HOST");
        String space = BookingApi.registerSpace(host);
        Member guest = api.signUpWithWallet("Sweep guest", 5_000_000);
        BookingFlow flow = new BookingFlow(admin, space, guest);
        flow.callers.put(Caller.COUNTERPART, host);
        flow.callers.put(Caller.OTHER_COUNTERPART, api.withRoles("Sweep other host", "HOST"));
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        sweepAndRace(
                flow,
                List.of(
                        new Race("PENDING", new Move("confirm", Caller.OWNER), new Move("cancel", Caller.COUNTERPART)),
                        new Race("PENDING", new Move("cancel", Caller.OWNER), new Move("cancel", Caller.COUNTERPART)),
                        new Race(
                                "CONFIRMED",
                                new Move("cancel", Caller.OWNER),
                                new Move("cancel", Caller.COUNTERPART))));
    }

    static final class BookingFlow extends Flow {

        private final AtomicInteger days = new AtomicInteger(20);
        private final String space;
        private final Member guest;

        BookingFlow(Member admin, String space, Member guest) {
            super(admin);
            this.space = space;
            this.guest = guest;
        }

        @Override
        String name() {
            return "booking";
        }

        @Override
        List<String> states() {
            return List.of("PENDING", "CONFIRMED", "CANCELED/pending", "CANCELED/paid");
        }

        @Override
        List<String> actions() {
            return List.of("confirm", "cancel");
        }

        @Override
        Subject fresh(String state) {
            LocalDate date = BookingApi.inDays(days.getAndIncrement());
            String booking = BookingApi.booked(guest, space, date, "DAY");
            Subject subject = new Subject(booking, guest, "slot-" + space + "-" + date, null);
            if (state.equals("CONFIRMED") || state.equals("CANCELED/paid")) {
                act("confirm", guest.request(), subject).then().statusCode(200);
            }
            if (state.startsWith("CANCELED")) {
                act("cancel", guest.request(), subject).then().statusCode(200);
            }
            return subject;
        }

        @Override
        Response act(String action, RequestSpecification request, Subject subject) {
            return request.post("/api/bookings/" + subject.id() + "/" + action);
        }

        @Override
        Outcome expected(String status, String action, Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> Outcome.UNAUTHENTICATED;
                // "another user's booking (not guest, not the space's host)": ADMINs and AUDITORs read it, no more
                case OTHER_COUNTERPART, MEMBER, ADMIN, AUDITOR -> Outcome.refused(404, "BOOKING_NOT_FOUND");
                case OWNER, COUNTERPART -> {
                    if (action.equals("confirm")) {
                        if (caller == Caller.COUNTERPART) {
                            yield Outcome.FORBIDDEN; // "only the guest pays; the host sees the booking"
                        }
                        yield switch (status) {
                            case "PENDING" -> Outcome.moves(200, "CONFIRMED");
                            case "CONFIRMED" -> Outcome.unchanged(200);
                            default -> Outcome.refused(409, "INVALID_TRANSITION");
                        };
                    }
                    yield status.equals("CANCELED") ? Outcome.unchanged(200) : Outcome.moves(200, "CANCELED");
                }
            };
        }

        @Override
        Snapshot snapshot(Subject subject) {
            String money = transfers("tr-booking-" + subject.id(), "tr-booking-refund-" + subject.id());
            return historied(admin.request().get("/api/bookings/" + subject.id()), subject.aggregateId(), money);
        }
    }

    // ------------------------------------------------------------------ campaigns

    @Test
    void campaignsAnswerEveryActionOfEveryCallerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        Member publisher = api.withRoles("Sweep publisher", "PUBLISHER");
        Member backer = api.signUpWithWallet("Sweep backer", 5_000_000);
        CampaignFlow flow = new CampaignFlow(admin, publisher, backer);
        flow.callers.put(Caller.COUNTERPART, publisher);
        flow.callers.put(Caller.OTHER_COUNTERPART, api.withRoles("Sweep other publisher", "PUBLISHER"));
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        flow.prepareEnded();
        sweepAndRace(
                flow,
                List.of(
                        new Race("FUNDING", new Move("cancel", Caller.ADMIN), new Move("withdraw", Caller.COUNTERPART)),
                        new Race("FUNDING", new Move("fund", Caller.MEMBER), new Move("cancel", Caller.ADMIN)),
                        new Race("SUCCESS", new Move("close", Caller.COUNTERPART), new Move("cancel", Caller.ADMIN))));
    }

    @Test
    void campaignsOfAPublisherWhoLostTheRoleAnswerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        Member publisher = api.withRoles("Sweep former publisher", "PUBLISHER");
        Member backer = api.signUpWithWallet("Sweep former-publisher backer", 5_000_000);
        CampaignFlow flow = new CampaignFlow(admin, publisher, backer);
        flow.publisherLostTheRole = true;
        flow.callers.put(Caller.COUNTERPART, publisher);
        flow.callers.put(Caller.OTHER_COUNTERPART, api.withRoles("Sweep publisher beside", "PUBLISHER"));
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        flow.prepareAll();
        api.changeRoles(publisher.accountId());
        flow.callers.put(Caller.COUNTERPART, api.logIn(publisher.email(), publisher.password()));
        sweepAndRace(flow, List.of());
    }

    static final class CampaignFlow extends Flow {

        private static final long UNIT = 1_000;

        private final Member publisher;
        private final Member backer;
        private final Map<String, Deque<Subject>> ended = new HashMap<>();
        private final Map<String, Deque<Subject>> pool = new HashMap<>();
        /** The publisher has lost PUBLISHER since the campaigns were made (funding.md, "When a publisher resigns"). */
        private boolean publisherLostTheRole;

        CampaignFlow(Member admin, Member publisher, Member backer) {
            super(admin);
            this.publisher = publisher;
            this.backer = backer;
        }

        @Override
        String name() {
            return "campaign";
        }

        @Override
        List<String> states() {
            return List.of(
                    "FUNDING", "SUCCESS", "CLOSED", "CANCEL/by an ADMIN", "CANCEL/short at its end", "WITHDRAWN");
        }

        @Override
        List<String> actions() {
            return List.of("edit", "withdraw", "fund", "close", "cancel");
        }

        /**
         * Campaigns that end in a few seconds, made together so that the sweep waits for their ends once: SUCCESS for
         * the sweep, its close, its races and CLOSED; one short of its target.
         */
        void prepareEnded() {
            List<Subject> made = new ArrayList<>();
            for (int i = 0; i < 2 + RACE_ROUNDS + 1; i++) {
                made.add(funded(UNIT));
            }
            Subject short1 = funded(2 * UNIT);
            endSoon(made);
            endSoon(List.of(short1));
            for (Subject subject : made) {
                CampaignSteps.awaitStatus(subject.id(), "SUCCESS");
                ended.computeIfAbsent("SUCCESS", k -> new ArrayDeque<>()).add(subject);
            }
            CampaignSteps.awaitStatus(short1.id(), "CANCEL");
            ended.computeIfAbsent("CANCEL", k -> new ArrayDeque<>()).add(short1);
        }

        /**
         * Every object the sweep will ask for, made while the publisher still holds PUBLISHER (creating needs it), the
         * ending ones together so that their ends are awaited once.
         */
        void prepareAll() {
            Map<String, List<Subject>> made = new LinkedHashMap<>();
            for (String state : states()) {
                int needed = 1;
                for (String action : actions()) {
                    for (Caller caller : Caller.values()) {
                        Outcome outcome = expected(statusOf(state), action, caller);
                        needed += outcome != null && outcome.changes() ? 1 : 0;
                    }
                }
                for (int i = 0; i < needed; i++) {
                    Subject subject = switch (state) {
                        case "SUCCESS", "CLOSED" -> funded(UNIT);
                        case "CANCEL/short at its end" -> funded(2 * UNIT);
                        default -> fresh(state);
                    };
                    made.computeIfAbsent(state, k -> new ArrayList<>()).add(subject);
                }
            }
            made.forEach((state, subjects) -> {
                if (state.equals("SUCCESS") || state.equals("CLOSED") || state.equals("CANCEL/short at its end")) {
                    endSoon(subjects);
                }
            });
            made.forEach((state, subjects) -> {
                for (Subject subject : subjects) {
                    if (state.equals("SUCCESS") || state.equals("CLOSED")) {
                        CampaignSteps.awaitStatus(subject.id(), "SUCCESS");
                    } else if (state.equals("CANCEL/short at its end")) {
                        CampaignSteps.awaitStatus(subject.id(), "CANCEL");
                    }
                    if (state.equals("CLOSED")) {
                        act("close", publisher.request(), subject).then().statusCode(200);
                    }
                }
            });
            synchronized (pool) {
                made.forEach((state, subjects) -> pool.put(state, new ArrayDeque<>(subjects)));
            }
        }

        private synchronized Subject popEnded(String status) {
            return ended.get(status).pop();
        }

        /** Each campaign's end two seconds after its own request: however slow the setup, none ended unfunded. */
        private void endSoon(List<Subject> subjects) {
            subjects.forEach(subject -> CampaignSteps.endSoon(publisher, subject.id(), Duration.ofSeconds(2)));
        }

        /** A campaign of the target, ending in 30 days, funded once. */
        private Subject funded(long target) {
            String campaign = CampaignSteps.createCampaign(
                    publisher, "Sweep campaign", target, UNIT, Instant.now().plus(Duration.ofDays(30)));
            String funding = CampaignSteps.fund(backer, campaign)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("fundingId");
            return new Subject(campaign, backer, campaign, funding);
        }

        @Override
        Subject fresh(String state) {
            synchronized (pool) {
                Deque<Subject> ready = pool.get(state);
                if (ready != null) {
                    return ready.pop();
                }
            }
            return switch (state) {
                case "SUCCESS", "CANCEL/short at its end" -> popEnded(statusOf(state));
                case "CLOSED" -> {
                    Subject subject = popEnded("SUCCESS");
                    act("close", publisher.request(), subject).then().statusCode(200);
                    yield subject;
                }
                default -> {
                    Subject subject = funded(10 * UNIT);
                    if (state.equals("CANCEL/by an ADMIN")) {
                        act("cancel", admin.request(), subject).then().statusCode(200);
                    } else if (state.equals("WITHDRAWN")) {
                        act("withdraw", publisher.request(), subject).then().statusCode(204);
                    }
                    yield subject;
                }
            };
        }

        @Override
        Response act(String action, RequestSpecification request, Subject subject) {
            String campaign = "/api/campaigns/" + subject.id();
            return switch (action) {
                case "edit" ->
                    request.body(Map.of("title", "Sweep campaign, renamed")).patch(campaign);
                case "withdraw" -> request.delete(campaign);
                case "fund" -> request.post(campaign + "/fundings");
                default -> request.post(campaign + "/" + action);
            };
        }

        @Override
        Outcome expected(String status, String action, Caller caller) {
            if (caller == Caller.ANONYMOUS) {
                return Outcome.UNAUTHENTICATED;
            }
            Outcome gone = Outcome.refused(404, "CAMPAIGN_NOT_FOUND");
            boolean publishes = caller == Caller.COUNTERPART || caller == Caller.OTHER_COUNTERPART;
            boolean formerPublisher = publisherLostTheRole && caller == Caller.COUNTERPART;
            return switch (action) {
                case "edit" ->
                    !publishes || formerPublisher
                            ? Outcome.FORBIDDEN
                            : caller == Caller.OTHER_COUNTERPART || status.equals("WITHDRAWN")
                                    ? gone
                                    : status.equals("FUNDING")
                                            ? Outcome.edits(200)
                                            : Outcome.refused(409, "CAMPAIGN_NOT_FUNDING");
                case "withdraw" ->
                    caller != Caller.COUNTERPART || status.equals("WITHDRAWN")
                            ? gone
                            : status.equals("FUNDING")
                                    ? Outcome.moves(204, "WITHDRAWN")
                                    : Outcome.refused(409, "CAMPAIGN_NOT_FUNDING");
                // the campaign's own publisher without the role is refused by the campaign, whatever its state
                case "fund" ->
                    formerPublisher
                            ? status.equals("WITHDRAWN") ? gone : Outcome.refused(403, "PUBLISHER_CANNOT_FUND")
                            : publishes
                                    ? Outcome.FORBIDDEN
                                    : status.equals("WITHDRAWN")
                                            ? gone
                                            : !status.equals("FUNDING")
                                                    ? Outcome.refused(409, "CAMPAIGN_NOT_FUNDING")
                                                    : caller == Caller.OWNER
                                                            ? Outcome.refused(409, "ALREADY_FUNDED")
                                                            : Outcome.edits(201);
                case "close" ->
                    caller != Caller.COUNTERPART || status.equals("WITHDRAWN")
                            ? gone
                            : switch (status) {
                                case "SUCCESS" -> Outcome.moves(200, "CLOSED");
                                case "CLOSED" -> Outcome.unchanged(200);
                                default -> Outcome.refused(409, "INVALID_TRANSITION");
                            };
                default ->
                    caller != Caller.ADMIN
                            ? Outcome.FORBIDDEN
                            : switch (status) {
                                case "FUNDING" -> Outcome.moves(200, "CANCEL");
                                case "CANCEL" -> Outcome.unchanged(200);
                                case "WITHDRAWN" -> gone;
                                default -> Outcome.refused(409, "CAMPAIGN_NOT_FUNDING");
                            };
            };
        }

        @Override
        Snapshot snapshot(Subject subject) {
            Response read = admin.request().get("/api/campaigns/" + subject.id());
            String status = read.statusCode() == 404 ? "WITHDRAWN" : read.path("status");
            String money = transfers("tr-funding-" + subject.ref());
            return new Snapshot(
                    read.statusCode() + " " + read.asString(), status, -1, null, events(subject.aggregateId()), money);
        }
    }

    // ------------------------------------------------------------------ carts

    @Test
    void cartsAnswerEveryActionOfEveryCallerAsTheirStatusTableSays() throws Exception {
        Member admin = cast().admin();
        String product = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Sweep tea"), 12_000);
        CartFlow flow = new CartFlow(admin, product, name -> api.signUp(name));
        flow.callers.put(
                Caller.OTHER_COUNTERPART,
                StoreSteps.openStore("Sweep shop merchant").member());
        flow.callers.put(Caller.MEMBER, cast().member());
        flow.callers.put(Caller.ADMIN, admin);
        flow.callers.put(Caller.AUDITOR, cast().auditor());
        sweepAndRace(
                flow,
                List.of(new Race("OPEN", new Move("checkout", Caller.OWNER), new Move("checkout", Caller.OWNER))));
    }

    static final class CartFlow extends Flow {

        private final String product;
        private final Function<String, Member> signUp;

        CartFlow(Member admin, String product, Function<String, Member> signUp) {
            super(admin);
            this.product = product;
            this.signUp = signUp;
        }

        @Override
        String name() {
            return "cart";
        }

        @Override
        List<String> states() {
            return List.of("OPEN", "CHECKED_OUT");
        }

        @Override
        List<String> actions() {
            // reduce first: a caller who has not added the product has none of it to reduce
            return List.of("checkout", "reduce", "add", "remove");
        }

        @Override
        Subject fresh(String state) {
            Member owner = signUp.apply("Sweep shopper");
            String cart = ShopSteps.added(owner, product, 2);
            if (state.equals("CHECKED_OUT")) {
                ShopSteps.checkedOut(owner, cart);
            }
            return new Subject(cart, owner, cart, null);
        }

        @Override
        Response act(String action, RequestSpecification request, Subject subject) {
            return switch (action) {
                case "checkout" -> request.body(Map.of("cartId", subject.id())).post("/api/cart/checkout");
                case "reduce" -> request.body(Map.of("quantity", 1)).patch("/api/cart/items/" + product);
                case "add" ->
                    request.body(Map.of("productId", product, "quantity", 1)).post("/api/cart/items");
                default -> request.delete("/api/cart/items/" + product);
            };
        }

        @Override
        Outcome expected(String status, String action, Caller caller) {
            if (caller == Caller.COUNTERPART) {
                return null;
            }
            if (caller == Caller.ANONYMOUS) {
                return Outcome.UNAUTHENTICATED;
            }
            boolean open = status.equals("OPEN");
            if (action.equals("checkout")) {
                return caller != Caller.OWNER
                        ? Outcome.refused(404, "CART_NOT_FOUND")
                        : open ? Outcome.moves(201, "CHECKED_OUT") : Outcome.refused(409, "CART_CHECKED_OUT");
            }
            // the item calls name no cart: they change the caller's own open cart, never this one unless it is that
            if (caller == Caller.OWNER && open) {
                return Outcome.edits(200);
            }
            return action.equals("reduce") ? Outcome.refused(404, "ITEM_NOT_IN_CART") : Outcome.unchanged(200);
        }

        @Override
        Snapshot snapshot(Subject subject) {
            Response read = admin.request().get("/api/carts/" + subject.id());
            String receipts = subject.owner().request().get("/api/receipts").asString();
            return new Snapshot(
                    read.statusCode() + " " + read.asString(),
                    read.path("status"),
                    -1,
                    null,
                    events(subject.aggregateId()),
                    receipts);
        }
    }
}
