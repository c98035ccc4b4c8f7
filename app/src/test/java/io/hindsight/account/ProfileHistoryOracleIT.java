package io.hindsight.account;

import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.common.MetadataKeys;
import io.hindsight.projection.admin.ProjectionPause;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.RandomWalk;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seeded random walk over a few members' profiles - changes through {@code PATCH /api/me} (names, nicknames
 * taken, cleared, re-cased and sent with spaces around them, genders stated and withdrawn, values they already have),
 * ADMIN corrections into the past (at sign-up, at another version's instant, finer than a millisecond, before sign-up,
 * in the future, to a nickname another member holds), role changes and resignations at the end - a third of the writes
 * sent to a second (command) node, and races on both nodes at once: two members claiming one nickname (by a change or
 * a correction), a member's change against an ADMIN's correction, a member's two changes. For a stretch of the walk the
 * accounts projection is paused, so every read folds what it has not stored. ADMINs erase members who
 * stay at random points of the walk (at most two; not while the projection is paused, which the clean-up rebuilds), and
 * one member who resigns at the end erases their own data with the token they resigned with (refused before
 * resigning): from then on every read of the account - {@code /api/me}, the detail at any instant as known at any time,
 * the history, the audit state and the audit trail - must show no email, name, nickname or gender, and the same ids,
 * times, authors, kinds, roles and status (the audit state's profile fields, folded from nulls, are in force from no
 * instant: design.md "The marker"); its nickname stays claimed until it resigns; the receipt names no erased value. No node's clock can be skewed (every node tells the time by PostgreSQL's, design.md "The cluster's clock"),
 * so what is left of skew is a version dated two minutes ahead, written straight to the store as a node ahead once
 * wrote it: changes after it through either node must land 1 ms after the latest, in order.
 *
 * <p>Beside it runs a reference model written from docs/api.md, docs/audit.md and DOMAIN.md (not from the product
 * code): every version with its valid-time start and its recorded time (read from the account's audited events,
 * matched to its request by the correlation id), from which it derives what {@code GET /api/me}, the ADMIN and AUDITOR
 * detail {@code ?asOf=&knownAt=} (at every version's start, a millisecond and a nanosecond before it, before sign-up,
 * far ahead; known at every event's recording and just before it), the history (paged with a random limit, and as
 * known at an instant) and the audit state {@code ?asOf=} must answer. Refusals must be the documented codes and leave
 * no event; every projection must catch up with nothing parked. The seed is printed; {@code -Dprofile.seed=...}
 * repeats a walk's choices ({@code -Dprofile.steps=} sets its length).
 */
class ProfileHistoryOracleIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    ProjectionPause pause;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionManager transactions;

    private static final int CHECK_TOUCHED_EVERY = 3;
    private static final int PAUSED_STEPS = 30;
    private static final int FULL_CHECK_EVERY = 30;
    /** ADMIN erasures of members who stay, during the walk (each rebuilds projections, seconds). */
    private static final int MAX_ERASURES = 2;

    private static final String SIGNED_UP = "io.hindsight.account.api.AccountSignedUp";
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");
    /** How far the server's clock (PostgreSQL's, on this machine) may read from the test's. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMillis(500);

    private static final List<String> NICKNAME_WORDS = List.of("kite", "moss", "lark", "pine", "fern", "wren");
    private static final List<String> GENDERS = List.of("FEMALE", "MALE", "OTHER");

    private Random random;
    private Member admin;
    private Member auditor;
    private String runTag;
    private final List<Person> people = new ArrayList<>();
    private final Map<String, Intent> intents = new HashMap<>();
    private final Set<Person> touched = new LinkedHashSet<>();
    private RandomWalk walk;
    private int memberCount;
    private int correlationCount;
    private int erasures;
    private boolean accountsPaused;

    // ---------------------------------------------------------------- the model

    /**
     * One recorded version of the profile: the fields it set ({@code null} untouched; a nickname {@code ""} cleared,
     * a gender {@code ""} withdrawn), from which valid-time instant, recorded when, by whom, in which event.
     */
    record Version(
            long sequence,
            Instant effectiveFrom,
            Instant recordedAt,
            String changedBy,
            String kind,
            String name,
            String nickname,
            String gender) {

        String field(String field) {
            return switch (field) {
                case "name" -> name;
                case "nickname" -> nickname;
                case "gender" -> gender;
                default -> throw new IllegalArgumentException(field);
            };
        }
    }

    /** An event of the account as recorded: its sequence and time decide what was known when. */
    record Recorded(long sequence, String type, Instant at) {}

    /** The profile as shown: a cleared nickname and a withdrawn gender are none. */
    record Shown(String name, String nickname, String gender) {

        static Shown of(Map<String, Object> body) {
            return new Shown((String) body.get("name"), (String) body.get("nickname"), (String) body.get("gender"));
        }
    }

    /** A segment of the valid-time history, as the history answers it. */
    record Segment(
            Instant validFrom,
            Instant validTo,
            Instant recordedAt,
            String name,
            String nickname,
            String gender,
            String changedBy,
            String kind) {

        static Segment of(Map<String, Object> entry) {
            return new Segment(
                    instant(entry.get("validFrom")),
                    instant(entry.get("validTo")),
                    instant(entry.get("recordedAt")),
                    (String) entry.get("name"),
                    (String) entry.get("nickname"),
                    (String) entry.get("gender"),
                    (String) entry.get("changedBy"),
                    (String) entry.get("kind"));
        }
    }

    /** What a request asked for, found again in the events by its correlation id. */
    static final class Intent {
        final String correlationId;
        final String kind;
        final Person person;
        final Map<String, String> fields;
        final Instant effectiveFrom;
        final Instant sentAt = Instant.now();
        /** For an event written straight to the store, dated by a clock ahead of the cluster's: its exact instant. */
        Instant datedAt;

        boolean answered;
        boolean recorded;

        Intent(String correlationId, String kind, Person person, Map<String, String> fields, Instant effectiveFrom) {
            this.correlationId = correlationId;
            this.kind = kind;
            this.person = person;
            this.fields = fields;
            this.effectiveFrom = effectiveFrom;
        }
    }

    static final class Person {
        final String label;
        final String accountId;
        final String email;
        final String password;
        Member member;
        Instant signedUpAt;
        final List<Version> versions = new ArrayList<>();
        final List<Recorded> events = new ArrayList<>();
        /** Roles after each RolesChanged, by its sequence; the sign-up's at -1. */
        final Map<Long, Set<String>> rolesAt = new LinkedHashMap<>();

        Long resignedSequence;
        Instant resignedAt;
        /** The erasure's id once the account's personal data is erased; the model keeps the values it knew. */
        String erasureId;
        /**
         * What the member last sent after the erasure: a command node that cached the aggregate since still holds it
         * in the clear (a reloaded one reads the sealed events as erased), so sending it again may change nothing.
         */
        Shown sentSinceErasure = new Shown(null, null, null);

        Person(String label, String accountId, String email, String password, Member member) {
            this.label = label;
            this.accountId = accountId;
            this.email = email;
            this.password = password;
            this.member = member;
        }

        boolean active() {
            return resignedAt == null;
        }

        boolean erased() {
            return erasureId != null;
        }

        /** Who the walk still writes for: not resigned, not erased (an erased account's later writes are left out). */
        boolean writable() {
            return active() && !erased();
        }

        long nextSequence() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).sequence() + 1;
        }

        /** The last sequence known at {@code knownAt}: events in order up to the first one stamped after it. */
        long knownSequence(Instant knownAt) {
            long known = -1;
            for (Recorded event : events) {
                if (event.at().isAfter(knownAt)) {
                    break;
                }
                known = event.sequence();
            }
            return known;
        }

        List<Version> versionsKnownBy(long sequence) {
            return versions.stream().filter(v -> v.sequence() <= sequence).toList();
        }

        List<Version> versionsKnownAt(Instant knownAt) {
            return knownAt == null ? versions : versionsKnownBy(knownSequence(knownAt));
        }

        Set<String> rolesKnownBy(long sequence) {
            Set<String> roles = Set.of("MEMBER");
            for (Map.Entry<Long, Set<String>> change : rolesAt.entrySet()) {
                if (change.getKey() <= sequence) {
                    roles = change.getValue();
                }
            }
            return roles;
        }

        Shown current() {
            return profileAt(versions, null);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Per field, the value of the version with the latest effective instant by {@code validAt}; a tie to the later. */
    static Shown profileAt(List<Version> known, Instant validAt) {
        String[] values = new String[3];
        String[] fields = {"name", "nickname", "gender"};
        for (int f = 0; f < fields.length; f++) {
            Version best = null;
            for (Version version : known) {
                String value = version.field(fields[f]);
                if (value == null || (validAt != null && version.effectiveFrom().isAfter(validAt))) {
                    continue;
                }
                if (best == null || !version.effectiveFrom().isBefore(best.effectiveFrom())) {
                    best = version;
                }
            }
            values[f] = best == null ? null : best.field(fields[f]);
        }
        return new Shown(values[0], blankToNull(values[1]), blankToNull(values[2]));
    }

    /**
     * What every read shows of a profile: after an erasure nothing personal, whenever it was valid or known (api.md:
     * "After an erasure every answer shows the erased personal fields ... as {@code null} ... everywhere").
     */
    static Shown shown(Person person, Shown profile) {
        return person.erased() ? new Shown(null, null, null) : profile;
    }

    /** The history as read: after an erasure the same segments, times, authors and kinds, every personal value null. */
    static List<Segment> shownSegments(Person person, List<Version> known) {
        List<Segment> segments = segments(known);
        if (!person.erased()) {
            return segments;
        }
        return segments.stream()
                .map(s -> new Segment(
                        s.validFrom(), s.validTo(), s.recordedAt(), null, null, null, s.changedBy(), s.kind()))
                .toList();
    }

    /** A segment starts at each distinct effective instant and names the version recorded last among those. */
    static List<Segment> segments(List<Version> known) {
        List<Instant> starts = new ArrayList<>(
                new TreeSet<>(known.stream().map(Version::effectiveFrom).toList()));
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            Version named = known.stream()
                    .filter(v -> v.effectiveFrom().equals(start))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            Shown profile = profileAt(known, start);
            segments.add(new Segment(
                    start,
                    i + 1 < starts.size() ? starts.get(i + 1) : null,
                    named.recordedAt(),
                    profile.name(),
                    profile.nickname(),
                    profile.gender(),
                    named.changedBy(),
                    named.kind()));
        }
        return segments;
    }

    /** Nicknames are one per account in any letter case; a resigned account holds none. */
    private Person nicknameHolder(String nickname, Person except) {
        String key = blankToNull(nickname) == null ? null : nickname.trim().toLowerCase(Locale.ROOT);
        if (key == null) {
            return null;
        }
        for (Person person : people) {
            String held = person.current().nickname();
            if (person != except
                    && person.active()
                    && held != null
                    && held.toLowerCase(Locale.ROOT).equals(key)) {
                return person;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the walk

    @Test
    void everyProfileAsOfKnownAtAndHistoryAgreesWithAReferenceModelThroughARandomWalk() throws Exception {
        walk = new RandomWalk("ProfileHistoryOracleIT", "profile.seed");
        int steps = Integer.getInteger("profile.steps", 200);
        random = walk.random();
        registerActions();
        runTag = Long.toString(Math.abs(walk.seed()) % 46_656, 36);
        admin = api.admin();
        auditor = api.withRoles("Oracle Auditor", "AUDITOR");
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);
        long started = System.nanoTime();
        int pausedFrom = 20 + random.nextInt(Math.max(1, steps - 20 - PAUSED_STEPS));
        AtomicBoolean paused = new AtomicBoolean();
        try {
            walk.reportingFailures(120, () -> {
                for (int i = 0; i < 4; i++) {
                    join();
                }
                walk.walk(steps, step -> {
                    if (step == pausedFrom) {
                        // every read of these steps folds what the projection has not stored: the versions merged in
                        // memory
                        pause.pauseEverywhere(AccountReadModel.NAME, Duration.ofSeconds(30));
                        paused.set(true);
                        accountsPaused = true;
                        log("the accounts projection pauses");
                    }
                    takeOneStep();
                    if (step == pausedFrom + PAUSED_STEPS) {
                        checkTouched();
                        people.forEach(this::checkEverything);
                        pause.resumeEverywhere(AccountReadModel.NAME);
                        paused.set(false);
                        accountsPaused = false;
                        log("the accounts projection resumes");
                    }
                    if (step % CHECK_TOUCHED_EVERY == 0) {
                        checkTouched();
                    }
                    if (step % FULL_CHECK_EVERY == 0) {
                        people.forEach(this::checkEverything);
                        System.out.println("ProfileHistoryOracleIT step " + step + " after "
                                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
                    }
                });
                aVersionDatedAheadOfTheClusterClock();
                resignSome();
                people.forEach(this::checkEverything);
                Projections.awaitAllCaughtUp(admin);
                people.forEach(this::checkEverything);
                assertThat(Projections.deadLetters(admin))
                        .as("events parked during the walk")
                        .isEqualTo(deadLettersBefore);
            });
        } finally {
            if (paused.get()) {
                pause.resumeEverywhere(AccountReadModel.NAME);
            }
        }
        System.out.println("ProfileHistoryOracleIT steps taken: " + walk.taken());
        System.out.println("ProfileHistoryOracleIT versions: "
                + people.stream().mapToInt(p -> p.versions.size()).sum() + " in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        assertThat(walk.staleReads())
                .as("reads that missed a write they followed")
                .isEmpty();
    }

    private void takeOneStep() {
        if (!walk.takeOneStep()) {
            throw new IllegalStateException("no action could be taken");
        }
    }

    private void registerActions() {
        walk.action(10, "change", this::change);
        walk.action(2, "change to a nickname another holds", this::changeToATakenNickname);
        walk.action(1, "change nothing or something invalid", this::changeRefused);
        walk.action(6, "correct", this::correct);
        walk.action(1, "correct outside the lifetime or with nothing", this::correctRefused);
        walk.action(1, "correct to a nickname another holds", this::correctToATakenNickname);
        walk.action(1, "two members claim one nickname on both nodes", this::nicknameRace);
        walk.action(1, "a change and a correction on both nodes", this::changeAndCorrectionRace);
        walk.action(1, "a member's two changes on both nodes", this::twoChangesRace);
        walk.action(1, "change roles", this::changeRoles);
        walk.action(1, "ADMIN erases a member who stays", this::erase);
        walk.action(1, "an erased member who stays changes their profile", this::changeAfterErasure);
        walk.action(1, "join", () -> {
            if (people.size() >= 6) {
                return false;
            }
            join();
            return true;
        });
    }

    private void log(String line) {
        walk.log(line);
    }

    // ---------------------------------------------------------------- writes

    private void join() {
        memberCount++;
        String label = "P" + memberCount;
        String email = "oracle-profile-" + UUID.randomUUID().toString().substring(0, 8) + "@hindsight.test";
        String password = "password-" + label;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("name", "Oracle " + label);
        String nickname = random.nextBoolean() ? freeNickname() : null;
        if (nickname != null) {
            body.put("nickname", random.nextBoolean() ? " " + nickname + "  " : nickname);
        }
        String gender = random.nextBoolean() ? pick(GENDERS) : null;
        if (gender != null) {
            body.put("gender", gender);
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("name", "Oracle " + label);
        fields.put("nickname", nickname);
        fields.put("gender", gender);
        Intent intent = new Intent(correlationId(), "SIGN_UP", null, fields, null);
        intent.answered = true;
        intents.put(intent.correlationId, intent);
        Response response = anyNode(client().header("X-Correlation-Id", intent.correlationId))
                .body(body)
                .post("/api/auth/signup");
        response.then().statusCode(201);
        String accountId = response.path("accountId");
        Person person = new Person(
                label,
                accountId,
                email,
                password,
                new Member(accountId, email, password, response.path("accessToken"), response.path("refreshToken")));
        people.add(person);
        ingest(person);
        touched.add(person);
        log(person + " signs up as " + fields);
    }

    /** A change of some fields by the member: new values, values it already has, a cleared nickname, a withdrawn gender. */
    private boolean change() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Map<String, String> fields = someFields(person);
        Intent intent = send(person, "CHANGE", fields, null);
        Response response = anyNode(intentRequest(person.member.request(), intent))
                .body(fields)
                .patch("/api/me");
        Person holder = nicknameHolder(fields.get("nickname"), person);
        if (holder != null) {
            refused(response, 409, "NICKNAME_TAKEN");
        } else {
            response.then().statusCode(200);
            intent.answered = true;
        }
        ingest(person);
        if (response.statusCode() == 200) {
            assertAnswersProfile(person, response);
        }
        touched.add(person);
        log(person + " changes " + fields + " -> " + response.statusCode());
        return true;
    }

    private boolean changeToATakenNickname() {
        Person person = pickWhere(people, Person::writable);
        Person holder =
                pickWhere(people, p -> p != person && p.active() && p.current().nickname() != null);
        if (person == null || holder == null) {
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String held = holder.current().nickname();
        fields.put("nickname", random.nextBoolean() ? held.toUpperCase(Locale.ROOT) : held);
        if (random.nextBoolean()) {
            fields.put("name", newName(person));
        }
        Intent intent = send(person, "CHANGE", fields, null);
        Response response = anyNode(intentRequest(person.member.request(), intent))
                .body(fields)
                .patch("/api/me");
        refused(response, 409, "NICKNAME_TAKEN");
        ingest(person);
        touched.add(person);
        log(person + " asks for " + holder + "'s nickname " + fields + " -> " + response.statusCode());
        return true;
    }

    private boolean changeRefused() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        String code;
        switch (random.nextInt(4)) {
            case 0 -> {
                status = 400;
                code = "NOTHING_TO_CHANGE";
            }
            case 1 -> {
                body.put("name", "   ");
                status = 400;
                code = "VALIDATION_FAILED";
            }
            case 2 -> {
                body.put("name", "N".repeat(101));
                body.put("nickname", freeNickname());
                status = 400;
                code = "VALIDATION_FAILED";
            }
            default -> {
                body.put("gender", "UNSTATED");
                body.put("name", newName(person));
                status = 400;
                code = "MALFORMED_REQUEST";
            }
        }
        Intent intent = send(person, "CHANGE", Map.of(), null);
        Response response = anyNode(intentRequest(person.member.request(), intent))
                .body(body)
                .patch("/api/me");
        refused(response, status, code);
        ingest(person);
        touched.add(person);
        log(person + " sends " + body + " -> " + response.statusCode());
        return true;
    }

    /** An ADMIN's correction from an instant in the account's lifetime, as chosen by {@link #correctionInstant}. */
    private boolean correct() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Instant effectiveFrom = correctionInstant(person);
        Map<String, String> fields = someFields(person);
        String nickname = fields.get("nickname");
        Instant kept = effectiveFrom.truncatedTo(ChronoUnit.MILLIS);
        boolean becomesCurrent = nickname != null && !nicknameSupersededAt(person, kept);
        if (becomesCurrent && nicknameHolder(nickname, person) != null) {
            fields.remove("nickname");
            if (fields.isEmpty()) {
                fields.put("name", newName(person));
            }
        }
        Intent intent = send(person, "CORRECTION", fields, kept);
        Response response = anyNode(intentRequest(admin.request(), intent))
                .body(correctionBody(effectiveFrom, fields))
                .post("/api/admin/users/" + person.accountId + "/corrections");
        response.then().statusCode(201);
        intent.answered = true;
        assertThat(instant(response.path("effectiveFrom")))
                .as("effectiveFrom answered to a correction from " + effectiveFrom)
                .isEqualTo(kept);
        ingest(person);
        assertThat(Shown.of(response.path("current")))
                .as("the profile a correction answers")
                .isEqualTo(person.current());
        touched.add(person);
        log("ADMIN corrects " + person + " from " + effectiveFrom + " " + fields);
        return true;
    }

    private boolean correctRefused() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Instant effectiveFrom;
        Map<String, String> fields = new LinkedHashMap<>();
        String code;
        switch (random.nextInt(4)) {
            case 0 -> {
                effectiveFrom = person.signedUpAt.minusMillis(1);
                fields.put("name", newName(person));
                code = "INVALID_CORRECTION";
            }
            case 1 -> {
                // finer than a millisecond before sign-up: cut down, it is a millisecond before
                effectiveFrom = person.signedUpAt.minusNanos(1 + random.nextInt(999_999));
                fields.put("gender", pick(GENDERS));
                code = "INVALID_CORRECTION";
            }
            case 2 -> {
                effectiveFrom = Instant.now().plus(Duration.ofHours(1));
                fields.put("name", newName(person));
                code = "INVALID_CORRECTION";
            }
            default -> {
                effectiveFrom = correctionInstant(person);
                code = "NOTHING_TO_CHANGE";
            }
        }
        Intent intent = send(person, "CORRECTION", fields, effectiveFrom);
        Response response = anyNode(intentRequest(admin.request(), intent))
                .body(correctionBody(effectiveFrom, fields))
                .post("/api/admin/users/" + person.accountId + "/corrections");
        refused(response, 400, code);
        ingest(person);
        touched.add(person);
        log("ADMIN corrects " + person + " from " + effectiveFrom + " " + fields + " -> " + response.statusCode());
        return true;
    }

    private boolean correctToATakenNickname() {
        Person person = pickWhere(people, Person::writable);
        Person holder =
                pickWhere(people, p -> p != person && p.active() && p.current().nickname() != null);
        if (person == null || holder == null) {
            return false;
        }
        Instant effectiveFrom = latestEffective(person).plusMillis(random.nextInt(2));
        if (effectiveFrom.isAfter(Instant.now())) {
            effectiveFrom = latestEffective(person);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nickname", holder.current().nickname().toUpperCase(Locale.ROOT));
        fields.put("name", newName(person));
        Intent intent = send(person, "CORRECTION", fields, effectiveFrom);
        Response response = anyNode(intentRequest(admin.request(), intent))
                .body(correctionBody(effectiveFrom, fields))
                .post("/api/admin/users/" + person.accountId + "/corrections");
        refused(response, 409, "NICKNAME_TAKEN");
        ingest(person);
        touched.add(person);
        log("ADMIN corrects " + person + " to " + holder + "'s nickname -> " + response.statusCode());
        return true;
    }

    /** Two members claim one free nickname at once on both nodes, each by a change of its own or by an ADMIN's correction. */
    private boolean nicknameRace() {
        Person one = pickWhere(people, Person::writable);
        Person two = pickWhere(people, p -> p != one && p.writable());
        if (one == null || two == null) {
            return false;
        }
        String nickname = freeNickname();
        List<Intent> claims = new ArrayList<>();
        List<Function<Function<RequestSpecification, RequestSpecification>, Response>> calls = new ArrayList<>();
        for (Person person : List.of(one, two)) {
            String asked = random.nextBoolean() ? nickname.toUpperCase(Locale.ROOT) : nickname;
            Map<String, String> fields = Map.of("nickname", asked);
            if (random.nextInt(3) == 0) {
                // from the latest version on, so the corrected nickname is the one in force
                Instant effectiveFrom = latestEffective(person);
                Intent intent = send(person, "CORRECTION", fields, effectiveFrom);
                claims.add(intent);
                calls.add(node -> node.apply(intentRequest(admin.request(), intent))
                        .body(correctionBody(effectiveFrom, fields))
                        .post("/api/admin/users/" + person.accountId + "/corrections"));
            } else {
                Intent intent = send(person, "CHANGE", fields, null);
                claims.add(intent);
                calls.add(node -> node.apply(intentRequest(person.member.request(), intent))
                        .body(fields)
                        .patch("/api/me"));
            }
        }
        List<Response> answers = onBothNodes(calls.get(0), calls.get(1));
        List<Boolean> won = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response answer = answers.get(i);
            if (answer.statusCode() == 409) {
                refused(answer, 409, "NICKNAME_TAKEN");
                won.add(false);
            } else {
                answer.then().statusCode(claims.get(i).kind.equals("CORRECTION") ? 201 : 200);
                claims.get(i).answered = true;
                won.add(true);
            }
        }
        assertThat(won)
                .as("one nickname claimed twice at once: " + codes(answers))
                .containsExactlyInAnyOrder(true, false);
        ingest(one);
        ingest(two);
        touched.add(one);
        touched.add(two);
        log(one + " (" + claims.get(0).kind + ") and " + two + " (" + claims.get(1).kind + ") claim " + nickname
                + " at once -> " + codes(answers));
        return true;
    }

    private boolean changeAndCorrectionRace() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Map<String, String> change = someFields(person);
        change.remove("nickname");
        if (change.isEmpty()) {
            change.put("name", newName(person));
        }
        Map<String, String> correction =
                random.nextBoolean() ? Map.of("name", newName(person)) : Map.of("gender", pick(GENDERS));
        Instant effectiveFrom = correctionInstant(person);
        Intent changing = send(person, "CHANGE", change, null);
        Intent correcting = send(person, "CORRECTION", correction, effectiveFrom.truncatedTo(ChronoUnit.MILLIS));
        boolean changeOnSecond = random.nextBoolean();
        Function<Function<RequestSpecification, RequestSpecification>, Response> member =
                node -> node.apply(intentRequest(person.member.request(), changing))
                        .body(change)
                        .patch("/api/me");
        Function<Function<RequestSpecification, RequestSpecification>, Response> corrector =
                node -> node.apply(intentRequest(admin.request(), correcting))
                        .body(correctionBody(effectiveFrom, correction))
                        .post("/api/admin/users/" + person.accountId + "/corrections");
        List<Response> answers = changeOnSecond ? onBothNodes(corrector, member) : onBothNodes(member, corrector);
        Response changed = answers.get(changeOnSecond ? 1 : 0);
        Response corrected = answers.get(changeOnSecond ? 0 : 1);
        changed.then().statusCode(200);
        corrected.then().statusCode(201);
        changing.answered = true;
        correcting.answered = true;
        ingest(person);
        touched.add(person);
        log(person + " changes " + change + " while ADMIN corrects from " + effectiveFrom + " " + correction);
        return true;
    }

    private boolean twoChangesRace() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Map<String, String> one = new LinkedHashMap<>(Map.of("name", newName(person)));
        Map<String, String> two = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            two.put("name", newName(person));
        } else {
            two.put("gender", random.nextInt(4) == 0 ? "" : pick(GENDERS));
        }
        Intent first = send(person, "CHANGE", one, null);
        Intent second = send(person, "CHANGE", two, null);
        List<Response> answers = onBothNodes(
                node -> node.apply(intentRequest(person.member.request(), first))
                        .body(one)
                        .patch("/api/me"),
                node -> node.apply(intentRequest(person.member.request(), second))
                        .body(two)
                        .patch("/api/me"));
        assertThat(codes(answers)).as("a member's two changes at once").containsExactly(200, 200);
        first.answered = true;
        second.answered = true;
        ingest(person);
        touched.add(person);
        log(person + " changes " + one + " and " + two + " at once");
        return true;
    }

    private boolean changeRoles() {
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return false;
        }
        Set<String> roles = new TreeSet<>();
        for (String role : List.of("HOST", "PUBLISHER", "AUDITOR")) {
            if (random.nextBoolean()) {
                roles.add(role);
            }
        }
        Set<String> before = person.rolesKnownBy(Long.MAX_VALUE);
        int changesBefore = person.rolesAt.size();
        Intent intent = send(person, "ROLES", Map.of(), null);
        Response response = anyNode(intentRequest(admin.request(), intent))
                .body(Map.of("roles", roles))
                .put("/api/admin/users/" + person.accountId + "/roles");
        response.then().statusCode(200);
        intent.answered = true;
        roles.add("MEMBER");
        intent.fields.put("roles", String.join(",", roles));
        ingest(person);
        assertThat(response.<List<String>>path("roles")).containsExactlyInAnyOrderElementsOf(roles);
        if (roles.equals(before)) {
            // the roles it has already: nothing changes, so its tokens stay
            assertThat(person.rolesAt)
                    .as("a change to the roles it has records nothing")
                    .hasSize(changesBefore);
            person.member.request().get("/api/me").then().statusCode(200);
        } else {
            assertThat(person.rolesAt).as("a role change recorded").hasSize(changesBefore + 1);
            // the role change revoked the member's tokens
            person.member.request().get("/api/me").then().statusCode(401);
            person.member = api.logIn(person.email, person.password);
            ingest(person);
        }
        touched.add(person);
        log("ADMIN gives " + person + " roles " + roles);
        return true;
    }

    /** At the end, some members leave: their history stays, their nicknames are free again, nobody corrects them. */
    private void resignSome() {
        walk.nextStep();
        List<Person> leaving = people.stream().filter(p -> random.nextBoolean()).toList();
        if (leaving.isEmpty()) {
            leaving = List.of(people.get(0));
        }
        // one who leaves and was not erased erases their own data afterwards, with the token they resigned with
        Person erasesOwn = pickWhere(leaving, p -> !p.erased());
        for (Person person : leaving) {
            if (person == erasesOwn) {
                Intent early = send(person, "ERASURE", Map.of(), null);
                refused(
                        intentRequest(person.member.request(), early).delete("/api/me/personal-data"),
                        409,
                        "ACCOUNT_NOT_RESIGNED");
            }
            Intent intent = send(person, "RESIGN", Map.of(), null);
            anyNode(intentRequest(person.member.request(), intent))
                    .delete("/api/me")
                    .then()
                    .statusCode(204);
            intent.answered = true;
            ingest(person);
            assertThat(person.resignedAt).as(person + " resigned").isNotNull();
            person.member.request().get("/api/me").then().statusCode(401);
            Map<String, String> fields = Map.of("name", newName(person));
            Intent refusedCorrection = send(person, "CORRECTION", fields, person.signedUpAt);
            Response response = intentRequest(admin.request(), refusedCorrection)
                    .body(correctionBody(person.signedUpAt, fields))
                    .post("/api/admin/users/" + person.accountId + "/corrections");
            refused(response, 409, "ACCOUNT_RESIGNED");
            ingest(person);
            touched.add(person);
            log(person + " resigns");
        }
        if (erasesOwn != null) {
            Intent intent = send(erasesOwn, "ERASURE", Map.of(), null);
            intent.answered = true;
            JsonPath receipt = intentRequest(erasesOwn.member.request(), intent)
                    .delete("/api/me/personal-data")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            erased(erasesOwn, receipt, erasesOwn.accountId);
            log(erasesOwn + " erases their own personal data");
        }
        // a resigned account's nickname can be taken by a member who stays (erased or not)
        Person stays = pickWhere(people, Person::writable);
        Person left = pickWhere(leaving, p -> p.current().nickname() != null);
        if (stays != null && left != null) {
            Map<String, String> fields = Map.of("nickname", left.current().nickname());
            Intent intent = send(stays, "CHANGE", fields, null);
            Response response =
                    intentRequest(stays.member.request(), intent).body(fields).patch("/api/me");
            response.then().statusCode(200);
            intent.answered = true;
            ingest(stays);
            assertAnswersProfile(stays, response);
            touched.add(stays);
            log(stays + " takes " + left + "'s nickname " + fields);
        }
        checkTouched();
    }

    /**
     * An ADMIN erases the personal data of a member who stays (not resigned; audit.md "Erasure"). From then on every
     * read shows the account without email, name, nickname or gender - at every valid instant, as known at any time,
     * in the history and the audit trail - while its ids, times, authors, roles and status stay; its nickname stays
     * claimed (the lookup keeps its keyed hash). The walk sends nothing more for it. Not while the accounts projection
     * is paused: the clean-up rebuilds that projection.
     */
    private boolean erase() {
        if (erasures >= MAX_ERASURES || accountsPaused) {
            return false;
        }
        Person person = pickWhere(people, Person::writable);
        if (person == null || people.stream().filter(Person::writable).count() < 3) {
            return false;
        }
        erasures++;
        Intent intent = send(person, "ERASURE", Map.of(), null);
        intent.answered = true;
        JsonPath receipt = intentRequest(admin.request(), intent)
                .post("/api/admin/users/" + person.accountId + "/erasure")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        erased(person, receipt, admin.accountId());
        log("ADMIN erases " + person);
        return true;
    }

    /**
     * A member an ADMIN erased without their resigning still logs in and sends commands: a name or gender sent
     * afterwards is stored erased (audit.md "Erasure"), so every read shows {@code null} still, while the change is
     * recorded with its time and author (the write's own answer may echo the value, so it is not compared). Nicknames
     * are left out: one claimed afterwards stays claimed with no readable value to tell it by.
     */
    private boolean changeAfterErasure() {
        Person person = pickWhere(people, p -> p.active() && p.erased());
        if (person == null) {
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            fields.put("gender", pick(GENDERS));
        }
        if (fields.isEmpty() || random.nextBoolean()) {
            fields.put("name", newName(person));
        }
        Intent intent = send(person, "CHANGE", fields, null);
        anyNode(intentRequest(person.member.request(), intent))
                .body(fields)
                .patch("/api/me")
                .then()
                .statusCode(200);
        intent.answered = true;
        ingest(person);
        assertThat(intent.recorded)
                .as("a change of erased " + person + " recorded")
                .isTrue();
        person.sentSinceErasure = new Shown(
                fields.getOrDefault("name", person.sentSinceErasure.name()),
                null,
                fields.getOrDefault("gender", person.sentSinceErasure.gender()));
        touched.add(person);
        log("erased " + person + " changes " + fields);
        return true;
    }

    /** The receipt names no erased value; the erasing node reads the events erased at once; the views after clean-up. */
    private void erased(Person person, JsonPath receipt, String erasedBy) {
        person.erasureId = receipt.getString("erasureId");
        String what = person + "'s erasure receipt";
        assertThat(receipt.getString("accountId")).as(what).isEqualTo(person.accountId);
        assertThat(receipt.getString("erasedBy")).as(what).isEqualTo(erasedBy);
        assertThat(receipt.getList("erased.eventType", String.class)).as(what).contains(SIGNED_UP);
        String text = receipt.prettify();
        assertThat(text).as(what).doesNotContain(person.email);
        for (Version version : person.versions) {
            for (String field : List.of("name", "nickname")) {
                String value = blankToNull(version.field(field));
                if (value != null) {
                    assertThat(text).as(what).doesNotContain(value);
                }
            }
        }
        // every reader on the erasing node reads the events erased from this moment, before the clean-up ends
        checkErasedEvents(person);
        assertThat(admin.request()
                        .post("/api/admin/users/" + person.accountId + "/erasure")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>path("erasureId"))
                .as("erasing %s again answers the first receipt", person)
                .isEqualTo(person.erasureId);
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(admin.request()
                                .get("/api/admin/erasures/" + person.erasureId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("cleanup"))
                        .as("the clean-up of %s's erasure", person)
                        .isEqualTo("COMPLETED"));
        ingest(person);
        checkNow(person);
        checkEverything(person);
        touched.add(person);
    }

    /**
     * The account's audit trail after its erasure: the same events, sequences, types, times, authors and effective
     * instants, and {@code null} for every personal value.
     */
    private void checkErasedEvents(Person person) {
        List<Map<String, Object>> events = admin.request()
                .queryParam("offset", 0)
                .queryParam("limit", 1000)
                .get("/api/audit/aggregates/" + person.accountId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        Map<Long, Recorded> recorded = new HashMap<>();
        person.events.forEach(event -> recorded.put(event.sequence(), event));
        Map<Long, Version> versions = new HashMap<>();
        person.versions.forEach(version -> versions.put(version.sequence(), version));
        assertThat(events.size()).as(person + "'s events after the erasure").isGreaterThanOrEqualTo(recorded.size());
        for (Map<String, Object> event : events) {
            long sequence = ((Number) event.get("sequence")).longValue();
            String type = (String) event.get("type");
            String what = person + "'s event " + sequence + " " + type + " after the erasure";
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) event.get("payload");
            Recorded before = recorded.get(sequence);
            if (before != null) {
                assertThat(type).as(what).isEqualTo(before.type());
                assertThat(instant(event.get("timestamp")))
                        .as(what + ": recorded at")
                        .isEqualTo(before.at());
            }
            assertThat(payload).as(what).isNotNull();
            if (payload.containsKey("accountId")) {
                assertThat(payload.get("accountId")).as(what + ": accountId").isEqualTo(person.accountId);
            }
            if (payload.containsKey("clientAddress")) {
                assertThat(payload.get("clientAddress"))
                        .as(what + ": clientAddress")
                        .isNull();
            }
            Version version = versions.get(sequence);
            switch (type) {
                case "AccountSignedUp" -> {
                    assertThat(payload.get("email")).as(what + ": email").isNull();
                    @SuppressWarnings("unchecked")
                    Map<String, Object> profile = (Map<String, Object>) payload.get("profile");
                    assertThat(Shown.of(profile)).as(what).isEqualTo(new Shown(null, null, null));
                }
                case "ProfileChanged", "ProfileCorrected" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> changes = (Map<String, Object>) payload.get("changes");
                    assertThat(recordedFields(changes)).as(what + ": changes").isEmpty();
                    if (version != null) {
                        Instant effectiveFrom = instant(payload.get("effectiveFrom"));
                        Instant recordedAt = instant(event.get("timestamp")).truncatedTo(ChronoUnit.MILLIS);
                        // a change is in force from its record at the earliest; its payload keeps when it was decided
                        assertThat(
                                        type.equals("ProfileChanged") && recordedAt.isAfter(effectiveFrom)
                                                ? recordedAt
                                                : effectiveFrom)
                                .as(what + ": in force from")
                                .isEqualTo(version.effectiveFrom());
                        assertThat(event.get("actorId")).as(what + ": by").isEqualTo(version.changedBy());
                    }
                }
                default -> {
                    // no profile values
                }
            }
        }
    }

    /**
     * A node whose clock runs ahead cannot date a change any more: every node tells the time by PostgreSQL's clock
     * (design.md, "The cluster's clock"), and this test's second node shares this JVM's clock anyway. What is left of
     * skew is a version already dated ahead - recorded by a node before its clock was the cluster's, as AccountsIT
     * seeds one - written here straight to the store two minutes ahead; then a change through the second node and one
     * through this node must land after it, each 1 ms after the one before (design.md, "Bitemporal profile"), and
     * every read must agree with the model about all three.
     */
    private void aVersionDatedAheadOfTheClusterClock() {
        walk.nextStep();
        Person person = pickWhere(people, Person::writable);
        if (person == null) {
            return;
        }
        Instant ahead = Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        String name = "Oracle " + person.label + " Ahead";
        Intent dated = send(person, "CHANGE", Map.of("name", name), null);
        dated.answered = true;
        dated.datedAt = ahead;
        long sequence = person.nextSequence();
        transactions.executeInTransaction(() -> storage.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Account",
                person.accountId,
                sequence,
                new ProfileChanged(AccountId.of(person.accountId), new ProfileFields(name, null, null), ahead),
                Map.of(MetadataKeys.ACTOR_ID, person.accountId, MetadataKeys.CORRELATION_ID, dated.correlationId),
                UUID.randomUUID().toString(),
                ahead))));
        ingest(person);
        log(person + " renamed " + name + " by a node two minutes ahead, at " + ahead);
        List<Instant> effective = new ArrayList<>(List.of(ahead));
        for (boolean second : List.of(true, false)) {
            Map<String, String> fields = Map.of("name", newName(person) + (second ? " (second)" : " (first)"));
            Intent intent = send(person, "CHANGE", fields, null);
            RequestSpecification request = intentRequest(person.member.request(), intent);
            Response response = (second ? request.port(secondNode.port()) : request)
                    .body(fields)
                    .patch("/api/me");
            response.then().statusCode(200);
            intent.answered = true;
            ingest(person);
            assertAnswersProfile(person, response);
            effective.add(latestEffective(person));
            log(person + " changes " + fields + " on the " + (second ? "second" : "first") + " node");
        }
        assertThat(effective)
                .as("the version dated ahead, then the changes through the second node and this one")
                .containsExactly(ahead, ahead.plusMillis(1), ahead.plusMillis(2));
        checkNow(person);
        checkEverything(person);
    }

    // ---------------------------------------------------------------- choosing values

    private Map<String, String> someFields(Person person) {
        Map<String, String> fields = new LinkedHashMap<>();
        while (fields.isEmpty()) {
            if (random.nextInt(3) == 0) {
                fields.put("name", random.nextInt(6) == 0 ? person.current().name() : newName(person));
            }
            if (random.nextInt(3) == 0) {
                fields.put("nickname", someNickname(person));
            }
            if (random.nextInt(3) == 0) {
                int choice = random.nextInt(5);
                fields.put(
                        "gender",
                        choice == 0
                                ? ""
                                : choice == 1 && person.current().gender() != null
                                        ? person.current().gender()
                                        : pick(GENDERS));
            }
        }
        return fields;
    }

    /** A free nickname, the member's own in another case, a blank one (clears it), or one with spaces around. */
    private String someNickname(Person person) {
        String own = person.current().nickname();
        return switch (random.nextInt(6)) {
            case 0 -> random.nextBoolean() ? "" : "  ";
            case 1 -> own == null ? freeNickname() : flipCase(own);
            case 2 -> "  " + freeNickname() + " ";
            default -> freeNickname();
        };
    }

    private String freeNickname() {
        for (int attempt = 0; attempt < 100; attempt++) {
            String nickname = pick(NICKNAME_WORDS) + "-" + runTag + random.nextInt(4);
            if (random.nextBoolean()) {
                nickname = Character.toUpperCase(nickname.charAt(0)) + nickname.substring(1);
            }
            if (nicknameHolder(nickname, null) == null) {
                return nickname;
            }
        }
        return "spare-" + runTag + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String flipCase(String nickname) {
        String upper = nickname.toUpperCase(Locale.ROOT);
        return upper.equals(nickname) ? nickname.toLowerCase(Locale.ROOT) : upper;
    }

    private String newName(Person person) {
        List<String> earlier = person.versions.stream()
                .map(Version::name)
                .filter(Objects::nonNull)
                .toList();
        if (random.nextInt(4) == 0) {
            return pick(earlier);
        }
        return switch (random.nextInt(5)) {
            case 0 -> "김민지 " + random.nextInt(100);
            case 1 -> "Oracle " + person.label + " Ünï " + random.nextInt(100);
            default -> "Oracle " + person.label + " " + random.nextInt(1000);
        };
    }

    /**
     * From sign-up exactly, another version's instant exactly (a tie), a millisecond after one, an instant finer than
     * a millisecond, or any instant between sign-up and a moment ago.
     */
    private Instant correctionInstant(Person person) {
        Instant now = Instant.now().minusMillis(5);
        List<Instant> effective =
                person.versions.stream().map(Version::effectiveFrom).toList();
        Instant chosen = switch (random.nextInt(6)) {
            case 0 -> person.signedUpAt;
            case 1 -> pick(effective);
            case 2 -> pick(effective).plusMillis(1);
            case 3 -> pick(effective).minusMillis(1);
            case 4 -> pick(effective).plusNanos(1 + random.nextInt(999_999));
            default -> {
                long span = Math.max(1, Duration.between(person.signedUpAt, now).toMillis());
                yield person.signedUpAt.plusMillis((long) (random.nextDouble() * span));
            }
        };
        if (chosen.isBefore(person.signedUpAt)) {
            return person.signedUpAt;
        }
        return chosen.isAfter(now) ? now : chosen;
    }

    private static Instant latestEffective(Person person) {
        return person.versions.stream()
                .map(Version::effectiveFrom)
                .max(Instant::compareTo)
                .orElseThrow();
    }

    private static boolean nicknameSupersededAt(Person person, Instant instant) {
        return person.versions.stream()
                .anyMatch(v -> v.nickname() != null && v.effectiveFrom().isAfter(instant));
    }

    private Map<String, Object> correctionBody(Instant effectiveFrom, Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("effectiveFrom", written(effectiveFrom));
        return body;
    }

    // ---------------------------------------------------------------- what the server recorded

    private Intent send(Person person, String kind, Map<String, String> fields, Instant effectiveFrom) {
        Intent intent = new Intent(correlationId(), kind, person, new HashMap<>(fields), effectiveFrom);
        intents.put(intent.correlationId, intent);
        log("  sends " + intent.correlationId + ": " + kind + " of " + person + " " + fields
                + (effectiveFrom == null ? "" : " from " + effectiveFrom));
        return intent;
    }

    private String correlationId() {
        return "oracle-" + runTag + "-" + (++correlationCount);
    }

    private static RequestSpecification intentRequest(RequestSpecification request, Intent intent) {
        return request.header("X-Correlation-Id", intent.correlationId);
    }

    /**
     * Reads the account's new events and takes each into the model: a profile event must be what its request asked
     * for, given the profile it was recorded on; a refused request must have left no event.
     */
    private void ingest(Person person) {
        List<Map<String, Object>> events = admin.request()
                .queryParam("offset", person.nextSequence())
                .queryParam("limit", 1000)
                .get("/api/audit/aggregates/" + person.accountId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        List<Shown> profilesMeanwhile = new ArrayList<>(List.of(person.current(), person.sentSinceErasure));
        for (Map<String, Object> event : events) {
            long sequence = ((Number) event.get("sequence")).longValue();
            String type = (String) event.get("type");
            Instant at = instant(event.get("timestamp"));
            Intent intent = intents.get((String) event.get("correlationId"));
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) event.get("payload");
            person.events.add(new Recorded(sequence, type, at));
            if (intent != null && !intent.answered) {
                throw new AssertionError(
                        "a refused " + intent.kind + " of " + person + " recorded " + type + " " + payload);
            }
            switch (type) {
                case "AccountSignedUp" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> profile = (Map<String, Object>) payload.get("profile");
                    assertThat(Shown.of(profile))
                            .as(person + " signed up")
                            .isEqualTo(new Shown(
                                    intent.fields.get("name"),
                                    intent.fields.get("nickname"),
                                    intent.fields.get("gender")));
                    person.signedUpAt = at;
                    person.versions.add(new Version(
                            sequence,
                            at,
                            at,
                            person.accountId,
                            "SIGN_UP",
                            intent.fields.get("name"),
                            intent.fields.get("nickname"),
                            intent.fields.get("gender")));
                }
                case "ProfileChanged" ->
                    takeChange(person, intent, sequence, at, payload, (String) event.get("actorId"));
                case "ProfileCorrected" ->
                    takeCorrection(person, intent, sequence, at, payload, (String) event.get("actorId"));
                case "RolesChanged" -> {
                    assertThat(intent)
                            .as("RolesChanged of " + person + " by a role change")
                            .isNotNull();
                    assertThat(intent.kind).isEqualTo("ROLES");
                    person.rolesAt.put(
                            sequence, Set.of(intent.fields.get("roles").split(",")));
                }
                case "AccountResigned" -> {
                    assertThat(intent).as("AccountResigned of " + person).isNotNull();
                    assertThat(intent.kind).isEqualTo("RESIGN");
                    person.resignedSequence = sequence;
                    person.resignedAt = at;
                }
                default -> {
                    // log-ins, refreshes and the like change no field of the account
                }
            }
            profilesMeanwhile.add(person.current());
        }
        // a change answered 200 without an event asked for nothing the profile showed when it was decided
        intents.values().stream()
                .filter(i -> i.person == person && i.answered && !i.recorded && i.kind.equals("CHANGE"))
                .forEach(i -> {
                    assertThat(profilesMeanwhile)
                            .as("a change of " + person + " answered 200 but not recorded: " + i.fields + ", versions "
                                    + person.versions)
                            .anyMatch(profile -> differences(profile, i.fields).isEmpty());
                    i.recorded = true;
                });
    }

    private void takeChange(
            Person person, Intent intent, long sequence, Instant at, Map<String, Object> payload, String actor) {
        assertThat(intent)
                .as("a ProfileChanged of " + person + " by a request of this walk")
                .isNotNull();
        assertThat(intent.kind).as("ProfileChanged by a change").isEqualTo("CHANGE");
        assertThat(actor).as("who changed " + person).isEqualTo(person.accountId);
        // after the erasure what the member sends is stored erased, and reads as setting nothing (audit.md "Erasure")
        Map<String, String> expected = person.erased() ? Map.of() : differences(person.current(), intent.fields);
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) payload.get("changes");
        assertThat(recordedFields(changes))
                .as("what a change of " + person + " recorded, asked " + intent.fields + " on " + person.current())
                .isEqualTo(expected);
        Instant effectiveFrom = instant(payload.get("effectiveFrom"));
        Instant latest = latestEffective(person);
        assertThat(effectiveFrom)
                .as("a change takes effect after every earlier version")
                .isAfter(latest);
        if (intent.datedAt != null) {
            assertThat(effectiveFrom)
                    .as("a change dated ahead takes effect then")
                    .isEqualTo(intent.datedAt);
            assertThat(at).as("a change dated ahead is recorded then").isEqualTo(intent.datedAt);
        } else {
            if (latest.plusMillis(1).isAfter(intent.sentAt.plus(CLOCK_TOLERANCE))) {
                // the latest version is dated ahead of the cluster's clock (design.md, "Bitemporal profile")
                assertThat(effectiveFrom)
                        .as("a change after a version dated ahead takes effect 1 ms after it")
                        .isEqualTo(latest.plusMillis(1));
            } else {
                assertThat(effectiveFrom)
                        .as("a change takes effect now")
                        .isBetween(
                                intent.sentAt.minus(CLOCK_TOLERANCE),
                                Instant.now().plus(CLOCK_TOLERANCE));
            }
            assertThat(at)
                    .as("a change is recorded now")
                    .isBetween(
                            intent.sentAt.minus(CLOCK_TOLERANCE), Instant.now().plus(CLOCK_TOLERANCE));
        }
        person.versions.add(new Version(
                sequence,
                // in force from its record at the earliest (design.md, "Bitemporal profile")
                at.truncatedTo(ChronoUnit.MILLIS).isAfter(effectiveFrom)
                        ? at.truncatedTo(ChronoUnit.MILLIS)
                        : effectiveFrom,
                at,
                actor,
                "CHANGE",
                expected.get("name"),
                expected.get("nickname"),
                expected.get("gender")));
        intent.recorded = true;
    }

    private void takeCorrection(
            Person person, Intent intent, long sequence, Instant at, Map<String, Object> payload, String actor) {
        assertThat(intent)
                .as("a ProfileCorrected of " + person + " by a request of this walk")
                .isNotNull();
        assertThat(intent.kind).as("ProfileCorrected by a correction").isEqualTo("CORRECTION");
        assertThat(actor).as("who corrected " + person).isEqualTo(admin.accountId());
        Map<String, String> expected = new HashMap<>();
        intent.fields.forEach((field, value) -> expected.put(field, field.equals("nickname") ? value.trim() : value));
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) payload.get("changes");
        assertThat(recordedFields(changes))
                .as("what a correction of " + person + " recorded")
                .isEqualTo(expected);
        assertThat(instant(payload.get("effectiveFrom")))
                .as("a correction's effective instant, in milliseconds")
                .isEqualTo(intent.effectiveFrom);
        person.versions.add(new Version(
                sequence,
                intent.effectiveFrom,
                at,
                actor,
                "CORRECTION",
                expected.get("name"),
                expected.get("nickname"),
                expected.get("gender")));
    }

    /** What a change records: each field asked for whose shown value differs from the profile's; a nickname trimmed. */
    private static Map<String, String> differences(Shown current, Map<String, String> asked) {
        Map<String, String> differences = new HashMap<>();
        String name = asked.get("name");
        if (name != null && !name.equals(current.name())) {
            differences.put("name", name);
        }
        String nickname = asked.get("nickname");
        if (nickname != null && !Objects.equals(blankToNull(nickname), current.nickname())) {
            differences.put("nickname", nickname.trim());
        }
        String gender = asked.get("gender");
        if (gender != null && !Objects.equals(blankToNull(gender), current.gender())) {
            differences.put("gender", gender);
        }
        return differences;
    }

    private static Map<String, String> recordedFields(Map<String, Object> changes) {
        Map<String, String> fields = new HashMap<>();
        changes.forEach((field, value) -> {
            if (value != null) {
                fields.put(field, (String) value);
            }
        });
        return fields;
    }

    // ---------------------------------------------------------------- comparing with the model

    private void checkTouched() {
        for (Person person : touched) {
            checkNow(person);
            if (random.nextBoolean()) {
                checkHistory(person, null, 0, 1000);
            } else {
                checkPagedHistory(person, null, 1 + random.nextInt(8));
            }
        }
        touched.clear();
    }

    /** {@code GET /api/me} and the detail without asOf: the profile in force, the roles, the status. */
    private void checkNow(Person person) {
        if (person.active()) {
            settled(person + "'s /api/me", () -> {
                Map<String, Object> me = person.member
                        .request()
                        .get("/api/me")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("");
                assertThat(Shown.of(me)).as(person + "'s /api/me").isEqualTo(shown(person, person.current()));
                assertThat(me.get("email")).as(person + "'s email").isEqualTo(person.erased() ? null : person.email);
                assertThat(roles(me)).as(person + "'s roles").isEqualTo(person.rolesKnownBy(Long.MAX_VALUE));
                assertThat(me.get("status")).isEqualTo("ACTIVE");
                assertThat(instant(me.get("signedUpAt"))).isEqualTo(person.signedUpAt);
            });
        }
        checkDetail(person, null, null);
    }

    private void checkEverything(Person person) {
        List<Instant> validInstants = interestingValidInstants(person);
        List<Instant> knownInstants = interestingKnownInstants(person);
        for (int i = 0; i < 6; i++) {
            checkDetail(person, pick(validInstants), null);
            checkDetail(person, pick(validInstants), pick(knownInstants));
        }
        checkDetail(person, null, pick(knownInstants));
        checkDetail(person, FAR_FUTURE, null);
        checkDetail(person, person.signedUpAt.minusMillis(1), null);
        checkDetail(person, person.signedUpAt, person.signedUpAt.minusMillis(1));
        int limit = 1 + random.nextInt(Math.max(1, segments(person.versions).size()));
        checkPagedHistory(person, null, limit);
        Instant knownAt = pick(knownInstants);
        checkPagedHistory(person, knownAt, 1 + random.nextInt(4));
        checkHistory(person, pick(knownInstants), 0, 1000);
        for (int i = 0; i < 2; i++) {
            checkAuditState(person, pick(knownInstants));
        }
        checkAuditState(person, null);
    }

    /** Every version's start, a millisecond and a nanosecond before it and just after; sign-up; far past and future. */
    private List<Instant> interestingValidInstants(Person person) {
        List<Instant> instants = new ArrayList<>();
        for (Version version : person.versions) {
            instants.add(version.effectiveFrom());
            instants.add(version.effectiveFrom().minusMillis(1));
            instants.add(version.effectiveFrom().minusNanos(1));
            instants.add(version.effectiveFrom().plusNanos(999_999));
        }
        instants.add(person.signedUpAt.minusMillis(1));
        instants.add(LONG_AGO);
        instants.add(FAR_FUTURE);
        instants.add(Instant.now());
        return instants;
    }

    /** Every event's recording time, a millisecond before it; before sign-up; now; far future. */
    private List<Instant> interestingKnownInstants(Person person) {
        List<Instant> instants = new ArrayList<>();
        for (Recorded event : person.events) {
            instants.add(event.at());
            instants.add(event.at().minusMillis(1));
            instants.add(event.at().minusNanos(1));
        }
        instants.add(person.signedUpAt.minusMillis(1));
        instants.add(Instant.now());
        instants.add(FAR_FUTURE);
        return instants;
    }

    /** The ADMIN or AUDITOR detail: the profile valid at asOf as recorded by knownAt; roles and status as recorded by the earlier. */
    private void checkDetail(Person person, Instant asOf, Instant knownAt) {
        String what = person + "'s detail asOf=" + asOf + " knownAt=" + knownAt;
        long known = knownAt == null ? Long.MAX_VALUE : person.knownSequence(knownAt);
        settled(what, () -> {
            RequestSpecification request = reader().request();
            if (asOf != null) {
                request.queryParam("asOf", written(asOf));
            }
            if (knownAt != null) {
                request.queryParam("knownAt", written(knownAt));
            }
            Response response = request.get("/api/admin/users/" + person.accountId);
            if (known < 0 || (asOf != null && asOf.isBefore(person.signedUpAt))) {
                refused(response, 404, "ACCOUNT_NOT_FOUND");
                return;
            }
            response.then().statusCode(200);
            Map<String, Object> detail = response.path("");
            List<Version> versions = person.versionsKnownBy(known);
            assertThat(Shown.of(detail)).as(what).isEqualTo(shown(person, profileAt(versions, asOf)));
            assertThat(detail.get("email")).as(what + ": email").isEqualTo(person.erased() ? null : person.email);
            Instant stateAt = asOf == null ? knownAt : knownAt == null || asOf.isBefore(knownAt) ? asOf : knownAt;
            long stateSequence = stateAt == null ? Long.MAX_VALUE : person.knownSequence(stateAt);
            assertThat(roles(detail)).as(what + ": roles").isEqualTo(person.rolesKnownBy(stateSequence));
            boolean resigned = person.resignedSequence != null && person.resignedSequence <= stateSequence;
            assertThat(detail.get("status")).as(what + ": status").isEqualTo(resigned ? "RESIGNED" : "ACTIVE");
            assertThat(instant(detail.get("resignedAt")))
                    .as(what + ": resignedAt")
                    .isEqualTo(resigned ? person.resignedAt : null);
            assertThat(instant(detail.get("signedUpAt")))
                    .as(what + ": signedUpAt")
                    .isEqualTo(person.signedUpAt);
        });
    }

    private List<Segment> history(Person person, Instant knownAt, int offset, int limit) {
        RequestSpecification request =
                reader().request().queryParam("offset", offset).queryParam("limit", limit);
        if (knownAt != null) {
            request.queryParam("knownAt", written(knownAt));
        }
        List<Map<String, Object>> entries = request.get("/api/admin/users/" + person.accountId + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        return entries.stream().map(Segment::of).toList();
    }

    private void checkHistory(Person person, Instant knownAt, int offset, int limit) {
        long known = knownAt == null ? Long.MAX_VALUE : person.knownSequence(knownAt);
        String what = person + "'s history knownAt=" + knownAt;
        if (known < 0) {
            RequestSpecification request = reader().request().queryParam("knownAt", knownAt.toString());
            refused(request.get("/api/admin/users/" + person.accountId + "/history"), 404, "ACCOUNT_NOT_FOUND");
            return;
        }
        List<Segment> expected = shownSegments(person, person.versionsKnownBy(known));
        List<Segment> page =
                expected.subList(Math.min(offset, expected.size()), Math.min(offset + limit, expected.size()));
        settled(
                what,
                () -> assertThat(history(person, knownAt, offset, limit))
                        .as(what)
                        .isEqualTo(page));
    }

    /** Page by page with one limit: the pages join into the whole history, the last one shorter than the limit. */
    private void checkPagedHistory(Person person, Instant knownAt, int limit) {
        long known = knownAt == null ? Long.MAX_VALUE : person.knownSequence(knownAt);
        if (known < 0) {
            checkHistory(person, knownAt, 0, limit);
            return;
        }
        List<Segment> expected = shownSegments(person, person.versionsKnownBy(known));
        String what = person + "'s history in pages of " + limit + " knownAt=" + knownAt;
        settled(what, () -> {
            List<Segment> joined = new ArrayList<>();
            for (int offset = 0; ; offset += limit) {
                List<Segment> page = history(person, knownAt, offset, limit);
                joined.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                assertThat(offset).as(what + ": pages never end").isLessThan(expected.size() + limit);
            }
            assertThat(joined).as(what).isEqualTo(expected);
        });
    }

    /** The audit state as of an instant: the account view folded from the events recorded by then. */
    private void checkAuditState(Person person, Instant asOf) {
        long known = asOf == null ? Long.MAX_VALUE : person.knownSequence(asOf);
        String what = person + "'s audit state asOf=" + asOf;
        RequestSpecification request = reader().request();
        if (asOf != null) {
            request.queryParam("asOf", written(asOf));
        }
        JsonPath state = request.get("/api/audit/aggregates/" + person.accountId + "/state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        if (known < 0) {
            assertThat(state.getMap("accounts")).as(what).isNull();
            return;
        }
        List<Version> versions = person.versionsKnownBy(known);
        Shown expected = shown(person, profileAt(versions, null));
        assertThat(new Shown(
                        state.getString("accounts.profile.name.value"),
                        blankToNull(state.getString("accounts.profile.nickname.value")),
                        blankToNull(state.getString("accounts.profile.gender.value"))))
                .as(what)
                .isEqualTo(expected);
        for (String field : List.of("name", "nickname", "gender")) {
            // the fold of erased events reads every personal value as null, and a change setting only nulls changes
            // nothing (design.md, "The marker"): no field is in force from anywhere. The history keeps the instants.
            Instant expectedFrom = person.erased() ? null : pointOf(versions, field);
            assertThat(instant(state.get("accounts.profile." + field + ".effectiveFrom")))
                    .as(what + ": " + field + " in force from")
                    .isEqualTo(expectedFrom);
        }
        assertThat(state.getList("accounts.roles", String.class))
                .as(what + ": roles")
                .containsExactlyInAnyOrderElementsOf(person.rolesKnownBy(known));
        boolean resigned = person.resignedSequence != null && person.resignedSequence <= known;
        assertThat(instant(state.get("accounts.resignedAt")))
                .as(what + ": resignedAt")
                .isEqualTo(resigned ? person.resignedAt : null);
    }

    /** The effective instant of the field's version in force, the latest one that set it. */
    private static Instant pointOf(List<Version> versions, String field) {
        Version best = null;
        for (Version version : versions) {
            if (version.field(field) != null
                    && (best == null || !version.effectiveFrom().isBefore(best.effectiveFrom()))) {
                best = version;
            }
        }
        return best == null ? null : best.effectiveFrom();
    }

    private void assertAnswersProfile(Person person, Response response) {
        assertThat(Shown.of(response.path("")))
                .as(person + "'s profile answered")
                .isEqualTo(person.current());
    }

    // ---------------------------------------------------------------- plumbing

    private Member reader() {
        return random.nextBoolean() ? admin : auditor;
    }

    private void settled(String what, Runnable comparison) {
        walk.settled(what, Duration.ofSeconds(10), comparison);
    }

    private static void refused(Response response, int status, String code) {
        assertThat(response.statusCode())
                .as("status of a refusal expected as " + code + ": " + response.asString())
                .isEqualTo(status);
        assertThat(response.<String>path("code")).as("refusal code").isEqualTo(code);
    }

    /** A node for a write: the test's own, or the second (a command node) one time in three. */
    private RequestSpecification anyNode(RequestSpecification request) {
        return random.nextInt(3) == 0 ? request.port(secondNode.port()) : request;
    }

    private List<Response> onBothNodes(
            Function<Function<RequestSpecification, RequestSpecification>, Response> first,
            Function<Function<RequestSpecification, RequestSpecification>, Response> second) {
        try {
            return secondNode.onBothNodesAtOnce(first, second);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> codes(List<Response> answers) {
        return answers.stream().map(Response::statusCode).toList();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private <T> T pickWhere(Collection<T> from, Predicate<T> which) {
        List<T> candidates = from.stream().filter(which).toList();
        return candidates.isEmpty() ? null : pick(candidates);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> roles(Map<String, Object> body) {
        return Set.copyOf((List<String>) body.get("roles"));
    }

    /** The instant as a client may write it: in UTC, or one time in four at +09:00 (Seoul). */
    private String written(Instant instant) {
        if (instant.isAfter(Instant.parse("9000-01-01T00:00:00Z")) || random.nextInt(4) != 0) {
            return instant.toString();
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(9)));
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
