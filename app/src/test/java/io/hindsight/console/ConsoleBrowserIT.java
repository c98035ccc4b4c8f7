package io.hindsight.console;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.token.AccessTokens;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.audit.PoisonProbeProjection;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.admin.ReplayRecords;
import io.hindsight.shop.ShopSteps;
import io.hindsight.snack.SnackCalls;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SeededAccountEvents;
import io.hindsight.support.StoredEvents;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console driven in a real headless Chromium (Debian's chromium and chromium-driver) against the running
 * application: what an auditor and an operator do with it. Runs with {@code ./mvnw verify -Pbrowser}; each
 * page is saved as a screenshot under target/console-screenshots.
 */
@Tag("browser")
class ConsoleBrowserIT extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(375, 812);
    private static final int FULL_PAGE_LIMIT = 1800;

    private static ChromeDriver browser;
    private static Path profile;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventHistory history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    TokenRevocations revocations;

    @Autowired
    ReplayRecords replays;

    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium/chromedriver");
        if (browser == null) {
            profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--no-first-run",
                            "--force-device-scale-factor=1",
                            "--lang=en-US",
                            "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            browser = new ChromeDriver(service, options);
            Files.createDirectories(SCREENSHOTS);
        }
        browser.manage().window().setSize(DESKTOP);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Refused API calls are expected (404, 401); a script error or a Content-Security-Policy violation is not. */
    @AfterEach
    void noScriptErrorsOrPolicyViolations() {
        if (browser == null) {
            return;
        }
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(problems).isEmpty();
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @Test
    void anAuditorFindsAnAccountReadsItsTimelineAndStepsBackToTheOlderName() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Member mina = api.signUp(uniqueEmail("mina"), "password-mina", "Mina " + tag, "mina" + tag);
        mina.request()
                .body(Map.of("name", "Mina Kim " + tag, "gender", "FEMALE"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Member auditor = api.withRoles("Console Auditor", "AUDITOR");

        signIn(auditor, "sign-in");
        assertThat(browser.findElement(By.cssSelector("#nav [data-role='ADMIN']"))
                        .isDisplayed())
                .isFalse();
        type(By.id("search-q"), mina.email());
        click(By.id("search-go"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.hit[data-kind='account']")));
        screenshot("search");
        click(By.cssSelector("a.hit[data-kind='account']"));

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li.event"), 2));
        List<WebElement> events = browser.findElements(By.cssSelector("#timeline li.event"));
        assertThat(events.get(0).getAttribute("data-type")).isEqualTo("AccountSignedUp");
        assertThat(events.get(1).getAttribute("data-type")).isEqualTo("ProfileChanged");
        assertThat(events.get(1).getText()).contains("Mina Kim " + tag).contains("FEMALE");
        textToBe(By.id("profile-name"), "Mina Kim " + tag);
        fullPageScreenshot("object-account");

        browser.findElement(By.id("asof-slider")).sendKeys(Keys.ARROW_LEFT);
        textToBe(By.id("profile-name"), "Mina " + tag);
        wait.until(ExpectedConditions.attributeContains(
                By.cssSelector("#timeline li.event:nth-child(2)"), "class", "future"));
        assertThat(browser.findElement(By.id("asof-slider-text")).getText()).contains("after 1 of 2 events");
        screenshot("object-account-as-of");

        browser.manage().window().setSize(PHONE);
        browser.navigate().refresh();
        textToBe(By.id("profile-name"), "Mina " + tag);
        screenshot("object-account-phone");
    }

    @Test
    void anAuditorAsksWhatWasKnownBeforeACorrectionWasRecorded() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Member jun = api.signUp(uniqueEmail("jun"), "password-jun", "Jun " + tag, "jun" + tag);
        Instant signedUp = Instant.now();
        Member admin = api.admin();
        Instant beforeCorrection = await().until(Instant::now, now -> now.isAfter(signedUp));
        await().until(Instant::now, now -> now.isAfter(beforeCorrection));
        admin.request()
                .body(Map.of("effectiveFrom", signedUp.toString(), "nickname", "junior" + tag))
                .post("/api/admin/users/" + jun.accountId() + "/corrections")
                .then()
                .statusCode(201);
        Member auditor = api.withRoles("Bitemporal Auditor", "AUDITOR");

        signIn(auditor, null);
        browser.get(base() + "#/object/" + jun.accountId());
        textToBe(By.id("profile-nickname"), "junior" + tag);
        browser.get(base() + "#/object/" + jun.accountId() + "?knownAt=" + beforeCorrection);
        textToBe(By.id("profile-nickname"), "jun" + tag);
        assertThat(browser.findElement(By.id("known-at")).getAttribute("value"))
                .startsWith(beforeCorrection.toString().substring(0, 16));
        fullPageScreenshot("object-account-known-at");

        click(By.id("asof-now"));
        textToBe(By.id("profile-nickname"), "junior" + tag);
    }

    /** The API answers at most 1000 history segments a page: the console reads page after page until a short one. */
    @Test
    void theProfileHistoryShowsEveryVersionBeyondTheApisPageOfAThousand() {
        Member member = api.signUp("Paged History");
        withProfileChanges(member, "Paged History", aMillisecondApart(member, 1001));
        signIn(api.withRoles("Paged History Auditor", "AUDITOR"), null);

        browser.get(base() + "#/object/" + member.accountId());
        textToBe(By.id("profile-name"), "Paged History 1001");
        By newest = By.cssSelector("#profile-history tbody tr:last-child");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(newest, "Paged History 1001"));
        assertThat(browser.findElement(newest).getText()).contains("open");
        Object rows = ((JavascriptExecutor) browser)
                .executeScript("return document.querySelectorAll('#profile-history tbody tr').length");
        assertThat(((Number) rows).intValue()).isEqualTo(1002);
    }

    /**
     * A long history's timeline was every event at once in the page (17,000 events: the whole trail read before
     * anything showed, and a slider step walked every item): the events are read a page at a time and shown a hundred
     * at a time, the window following the chosen state.
     */
    @Test
    void aLongTimelineIsReadInPagesAndShownAHundredEventsAtATime() {
        Member member = api.signUp("Long Timeline");
        withProfileChanges(member, "Long Timeline", aMillisecondApart(member, 1050));
        signIn(api.withRoles("Long Timeline Auditor", "AUDITOR"), null);

        browser.get(base() + "#/object/" + member.accountId());
        textToBe(By.id("timeline-window-text"), "Events 1001–1051 of 1051");
        By shown = By.cssSelector("#timeline li.event");
        assertThat(browser.findElements(shown)).hasSize(51);
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:last-child"))
                        .getText())
                .contains("#1051")
                .contains("Long Timeline 1050");
        assertThat(browser.findElement(By.id("timeline-later")).isEnabled()).isFalse();

        click(By.id("timeline-first"));
        textToBe(By.id("timeline-window-text"), "Events 1–100 of 1051");
        assertThat(browser.findElements(shown)).hasSize(100);
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:first-child"))
                        .getAttribute("data-type"))
                .isEqualTo("AccountSignedUp");
        assertThat(browser.findElement(By.id("timeline-earlier")).isEnabled()).isFalse();

        click(By.cssSelector("#timeline li.event:nth-child(50) .event-foot button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("asof-slider-text"), "after 50 of 1051 events"));
        textToBe(By.id("profile-name"), "Long Timeline 49");
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:nth-child(51)"))
                        .getAttribute("class"))
                .contains("future");

        click(By.cssSelector("#timeline ~ nav [data-step='later']"));
        textToBe(By.id("timeline-window-text"), "Events 101–200 of 1051");
        assertThat(browser.findElement(By.cssSelector("#timeline ~ nav .window-text"))
                        .getText())
                .isEqualTo("Events 101–200 of 1051");
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:first-child"))
                        .getAttribute("class"))
                .contains("future");

        browser.findElement(By.id("asof-slider")).sendKeys(Keys.END);
        textToBe(By.id("timeline-window-text"), "Events 1001–1051 of 1051");
        textToBe(By.id("profile-name"), "Long Timeline 1050");
        assertThat(browser.findElements(By.cssSelector("#timeline li.event.future")))
                .isEmpty();
    }

    /** "…:44Z" sorts after "…:44.107Z" as text; as instants it comes first. */
    @Test
    void theTimelinePlacesAWholeSecondEventByItsTimeNotItsText() {
        Member member = api.signUp("Whole Second");
        Instant second = signedUpAt(member).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        withProfileChanges(member, "Whole Second", List.of(second, second.plusMillis(107)));
        signIn(api.withRoles("Whole Second Auditor", "AUDITOR"), null);

        browser.get(base() + "#/object/" + member.accountId() + "?asOf=" + second);
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "after 2 of 3 events"));
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:nth-child(3)"))
                        .getAttribute("class"))
                .contains("future");
        textToBe(By.id("profile-name"), "Whole Second 1");

        browser.get(base() + "#/object/" + member.accountId() + "?knownAt=" + second);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "Now"));
        WebElement later = browser.findElement(By.cssSelector("#timeline li.event:nth-child(3)"));
        assertThat(later.getAttribute("class")).contains("future");
        assertThat(later.findElement(By.className("future-note")).getText()).contains("Not yet recorded");
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:nth-child(2)"))
                        .getAttribute("class"))
                .doesNotContain("future");
    }

    /**
     * Two events at one instant: the slider keeps the event chosen (the state, asked by instant, is after both,
     * and the page says so), where it used to jump to the last of them and back.
     */
    @Test
    void theAsOfSliderStepsThroughEventsThatShareAnInstant() {
        Member member = api.signUp("Tied Profile");
        Instant tie = signedUpAt(member).truncatedTo(ChronoUnit.MILLIS).plusMillis(5);
        withProfileChanges(member, "Tied Profile", List.of(tie, tie));
        signIn(api.withRoles("Tied Profile Auditor", "AUDITOR"), null);
        browser.get(base() + "#/object/" + member.accountId());
        textToBe(By.id("profile-name"), "Tied Profile 2");

        WebElement slider = browser.findElement(By.id("asof-slider"));
        slider.sendKeys(Keys.ARROW_LEFT);
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "after 2 of 3 events"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("asof-same-instant"), "Event #3 has"));
        assertThat(browser.findElement(By.cssSelector("#timeline li.event:nth-child(3) .future-note"))
                        .getText())
                .contains("same instant");
        textToBe(By.id("profile-name"), "Tied Profile 2");

        slider.sendKeys(Keys.ARROW_LEFT);
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "after 1 of 3 events"));
        textToBe(By.id("profile-name"), "Tied Profile");
        assertThat(browser.findElement(By.id("asof-same-instant")).isDisplayed())
                .isFalse();

        click(By.cssSelector("#timeline li.event:nth-child(2) .event-foot button"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "after 2 of 3 events"));
        browser.navigate().refresh();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("asof-slider-text"), "after 2 of 3 events"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("asof-same-instant")));
    }

    @Test
    void aMalformedAddressShowsNotFoundInsteadOfLeavingTheViewBefore() {
        signIn(api.withRoles("Address Auditor", "AUDITOR"), null);
        browser.get(base() + "#/search");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-q")));

        browser.get(base() + "#/object/%E0%A4%A");
        textToBe(By.cssSelector("#main h1"), "Not found");
        assertThat(browser.findElement(By.id("malformed-address")).isDisplayed())
                .isTrue();

        browser.get(base() + "#/ledger");
        textToBe(By.cssSelector("#main h1"), "Ledger check");
        browser.get(base() + "#/correlation/%");
        textToBe(By.cssSelector("#main h1"), "Not found");
    }

    @Test
    void anErasedAccountIsTitledByItsIdAndSaysItsDataWasErased() {
        Member member = api.signUp("Erased In Console");
        Member admin = api.admin();
        String erasureId = admin.request()
                .post("/api/admin/users/" + member.accountId() + "/erasure")
                .then()
                .statusCode(200)
                .extract()
                .path("erasureId");
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/erasures/" + erasureId)
                        .then()
                        .statusCode(200)
                        .body("cleanup", equalTo("COMPLETED")));
        signIn(api.withRoles("Erasure Auditor", "AUDITOR"), null);

        browser.get(base() + "#/object/" + member.accountId());
        textToBe(By.id("object-title"), "Account " + member.accountId() + " (personal data erased)");
        assertThat(browser.findElement(By.id("profile-erased")).isDisplayed()).isTrue();
    }

    /** The page was an error once any event of the object no longer read: the API answered 500 for its timeline. */
    @Test
    void anEventThatNoLongerReadsIsMarkedInTheTimelineAndTheOthersAreShown() {
        Member member = api.signUp("Damaged In Console");
        member.request()
                .body(Map.of("name", "Damaged In Console Two"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Projections.awaitAllCaughtUp(api.admin());
        StoredEvents events = new StoredEvents(jdbc);
        long position = events.chainedPositionOf(member.accountId(), 1);
        byte[] original = events.payload(position);
        signIn(api.withRoles("Damage Auditor", "AUDITOR"), null);
        try {
            events.overwritePayload(position, "{\"broken".getBytes(StandardCharsets.UTF_8));

            browser.get(base() + "#/object/" + member.accountId());
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li.event"), 2));
            WebElement damaged = browser.findElement(By.cssSelector("#timeline li.event:nth-child(2)"));
            assertThat(damaged.getAttribute("data-type")).isEqualTo("ProfileChanged");
            assertThat(damaged.findElement(By.cssSelector(".unreadable")).getText())
                    .contains("does not read as io.hindsight.account.api.ProfileChanged");
            assertThat(browser.findElement(By.cssSelector("#timeline li.event:nth-child(1)"))
                            .getText())
                    .contains("Damaged In Console");
            screenshot("object-unreadable-event");
        } finally {
            events.overwritePayload(position, original);
        }
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void anAuditorFollowsACorrelationIdAcrossTheObjectsOneRequestChanged() {
        Member admin = api.admin();
        Member buyer = api.signUp("Correlated Shopper");
        String cartId =
                ShopSteps.added(buyer, ShopSteps.createProduct(admin, ShopSteps.uniqueName("Omija tea"), 9000), 2);
        String correlationId =
                "console-checkout-" + UUID.randomUUID().toString().substring(0, 8);
        String receiptId = ShopSteps.checkedOut(buyer, cartId, correlationId);
        Projections.awaitAllCaughtUp(admin);
        Member auditor = api.withRoles("Correlation Console Auditor", "AUDITOR");

        signIn(auditor, null);
        browser.get(base() + "#/object/" + cartId);
        WebElement checkedOut = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#timeline li.event[data-type='CartCheckedOut']")));
        checkedOut.findElement(By.cssSelector("a[href^='#/correlation/']")).click();

        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("correlation-summary"), "across 2 objects"));
        assertThat(browser.findElement(By.id("correlation-id")).getText()).isEqualTo(correlationId);
        assertThat(browser.findElements(By.cssSelector("tr.correlated-event")))
                .extracting(row -> row.getAttribute("data-aggregate"))
                .contains(cartId, receiptId);
        fullPageScreenshot("correlation");
    }

    @Test
    void anAdminStartsAVerifiedReplayAndWatchesItFinish() {
        signIn(api.admin(), null);
        browser.get(base() + "#/projections");
        click(By.cssSelector("button[aria-label='Replay accounts']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-verdict"), "Verified"));
        assertThat(browser.findElement(By.id("replay-state")).getText()).isEqualTo("COMPLETED");
        fullPageScreenshot("projections");
    }

    @Test
    void anAdminRetriesADeadLetterOnceItsCauseIsFixed() {
        String marker = "console" + System.nanoTime();
        Member victim = api.signUp(uniqueEmail("poisoned"), "password-1", "Poe POISON-" + marker, null);
        Member admin = api.admin();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> admin.request()
                        .get("/api/admin/dead-letters?projection=" + PoisonProbeProjection.NAME + "&limit=1000")
                        .then()
                        .extract()
                        .<List<String>>path("items.aggregateId")
                        .contains(victim.accountId()));

        signIn(admin, null);
        browser.get(base() + "#/projections");
        By letter = By.cssSelector("tr.dead-letter[data-aggregate='" + victim.accountId() + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(letter));
        assertThat(browser.findElement(letter).getText()).contains("poisoned name");
        fullPageScreenshot("dead-letters");

        PoisonProbeProjection.heal(marker);
        browser.findElement(letter)
                .findElement(By.xpath(".//button[text()='Retry']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("retry-outcome"), "handled"));
        wait.until(ExpectedConditions.numberOfElementsToBe(letter, 0));
    }

    @Test
    void theLiveFeedShowsNewEventsPausesResumesAndFilters() {
        Member auditor = api.withRoles("Feed Console Auditor", "AUDITOR");
        signIn(auditor, null);
        browser.get(base() + "#/feed");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed-status"), "Live"));

        Member first = api.signUp("Feed First");
        wait.until(ExpectedConditions.presenceOfElementLocated(feedRowOf(first.accountId())));

        click(By.id("feed-pause"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed-status"), "Paused"));
        Member second = api.signUp("Feed Second");
        click(By.id("feed-pause"));
        wait.until(ExpectedConditions.presenceOfElementLocated(feedRowOf(second.accountId())));
        screenshot("feed");

        // a filter that names no event type says so instead of reconnecting for good
        type(By.id("feed-types"), "RoleChanged");
        browser.findElement(By.id("feed-types")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("feed-status"), "No event type is named 'RoleChanged'"));

        type(By.id("feed-types"), "RolesChanged");
        browser.findElement(By.id("feed-types")).sendKeys(Keys.ENTER);
        Member promoted = api.withRoles("Feed Promoted", "HOST");
        wait.until(ExpectedConditions.presenceOfElementLocated(feedRowOf(promoted.accountId())));
        assertThat(browser.findElements(By.cssSelector("#feed-rows tr")))
                .extracting(row -> row.getAttribute("data-type"))
                .containsOnly("RolesChanged");
    }

    @Test
    void chartsAndTheLedgerCheckShowWhatTheServerAnswers() {
        Member admin = api.admin();
        Member buyer = api.signUp("Chart Shopper");
        String cartId =
                ShopSteps.added(buyer, ShopSteps.createProduct(admin, ShopSteps.uniqueName("Chart tea"), 4000), 2);
        ShopSteps.checkedOut(buyer, cartId);
        SnackCalls.ordered(buyer, SnackCalls.registered(buyer, "Chart chips"), 3);
        CampaignSteps.createCampaign(api.withRoles("Chart Publisher", "PUBLISHER"), "Chart lantern", 30000, 10000);
        Projections.awaitAllCaughtUp(admin);

        signIn(admin, null);
        browser.get(base() + "#/charts");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-sales canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-snacks canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-operations canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-lag canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-funding canvas")));
        fullPageScreenshot("charts");

        browser.get(base() + "#/ledger");
        wait.until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("ledger-unavailable")),
                ExpectedConditions.presenceOfElementLocated(By.id("ledger-verdict"))));
        screenshot("ledger");
    }

    @Test
    void anUnusableAccessTokenIsRefreshedARevokedSessionEndsInTheSignInFormAndMembersAreTurnedAway() {
        signOutIfSignedIn();
        type(By.id("email"), IntegrationTest.ADMIN_EMAIL);
        type(By.id("password"), "wrong-password");
        click(By.id("sign-in"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "Wrong email or password"));

        Member member = api.signUp("Console Member");
        signIn(member, null);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "auditors and administrators"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed())
                .as("no section is offered to a member")
                .isFalse();
        assertThat(browser.findElement(By.id("sign-out")).isDisplayed()).isTrue();

        Member auditor = api.withRoles("Revoked Auditor", "AUDITOR");
        signIn(auditor, null);
        ((JavascriptExecutor) browser)
                .executeScript("const key = 'hindsight.console.session';"
                        + " const session = JSON.parse(sessionStorage.getItem(key));"
                        + " session.accessToken = 'expired-or-garbage';"
                        + " sessionStorage.setItem(key, JSON.stringify(session));");
        browser.navigate().refresh();
        type(By.id("search-q"), auditor.email());
        click(By.id("search-go"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.hit[data-kind='account']")));

        api.admin()
                .request()
                .body(Map.of("roles", List.of("AUDITOR", "HOST")))
                .put("/api/admin/users/" + auditor.accountId() + "/roles")
                .then()
                .statusCode(200);
        type(By.id("search-q"), auditor.email());
        click(By.id("search-go"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "session has ended"));
    }

    /** A name of one unbroken 100-character word wraps on the object page and among the hits instead of widening the page. */
    @Test
    void aLongUnbrokenNameWrapsInsteadOfWideningThePage() {
        String word = "W".repeat(92) + UUID.randomUUID().toString().substring(0, 8);
        Member member = api.signUp(uniqueEmail("wide"), "password-wide", word, null);
        signIn(api.withRoles("Wide Name Auditor", "AUDITOR"), null);

        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            browser.get(base() + "#/object/" + member.accountId());
            textToBe(By.id("profile-name"), word);
            assertThat(horizontalOverflow()).as("object page at %s", size).isZero();

            browser.get(base() + "#/search?q=" + word);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.hit[data-kind='account']")));
            assertThat(horizontalOverflow()).as("search at %s", size).isZero();
        }
    }

    /**
     * On a slow network, a page left before it loaded neither replaces the page opened after it (nor rewrites the
     * address back), and a view that finishes loading after it was left is stopped: the live feed opened after the
     * projections page stops its stream when left.
     */
    @Test
    void aPageLeftBeforeItLoadedNeitherReplacesTheNextOneNorKeepsRunning() {
        Member member = api.signUp("Slow Network Member");
        signIn(api.admin(), null);
        JavascriptExecutor script = browser;
        script.executeScript("window.__streams = [];"
                + " const fetchOriginal = window.fetch;"
                + " window.fetch = (url, options = {}) => {"
                + "   if (String(url).startsWith('/api/events?')) {"
                + "     const stream = { aborted: false }; window.__streams.push(stream);"
                + "     options.signal?.addEventListener('abort', () => { stream.aborted = true; });"
                + "   }"
                + "   return fetchOriginal(url, options);"
                + " };");
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofMillis(1500));
        browser.setNetworkConditions(slow);
        try {
            script.executeScript("location.hash = arguments[0]", "#/object/" + member.accountId());
            script.executeScript("setTimeout(() => { location.hash = '#/ledger'; }, 100)");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ledger-verdict")));
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(8))
                    .until(() -> browser.findElement(By.cssSelector("#main h1"))
                                    .getText()
                                    .equals("Ledger check")
                            && script.executeScript("return location.hash").equals("#/ledger"));

            script.executeScript("location.hash = '#/projections'");
            script.executeScript("setTimeout(() => { location.hash = '#/feed'; }, 100)");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed-status"), "Live"));
            script.executeScript("location.hash = '#/search'");
            wait.until(driver -> (Boolean) script.executeScript(
                    "return window.__streams.length > 0 && window.__streams.every((s) => s.aborted)"));
        } finally {
            browser.deleteNetworkConditions();
        }
    }

    /**
     * A tab left idle past the access token's 15 minutes: signing out refreshes the pair first, so the log-out
     * revokes the session's refresh family instead of being refused (401) and leaving it working.
     */
    @Test
    void signingOutAfterTheAccessTokenExpiredStillEndsTheSession() {
        Member member = api.signUp("Idle Console Member");
        String family = familyOf(member.accessToken());
        Instant issuedAt =
                Instant.now().minusSeconds(accessTokens.expiresInSeconds()).plusSeconds(4);
        String expiring = accessTokens.issue(AccountId.of(member.accountId()), Set.of(Role.MEMBER), family, issuedAt);
        signOutIfSignedIn();
        ((JavascriptExecutor) browser)
                .executeScript(
                        "sessionStorage.setItem('hindsight.console.session',"
                                + " JSON.stringify({ accessToken: arguments[0], refreshToken: arguments[1] }))",
                        expiring,
                        member.refreshToken());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "neither role"));
        Instant expired = issuedAt.plusSeconds(accessTokens.expiresInSeconds()).plusMillis(500);
        await().atMost(Duration.ofSeconds(10)).until(Instant::now, now -> now.isAfter(expired));

        click(By.id("sign-out"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "You are signed out"));
        assertThat(revocations.isRevoked(AccountId.of(member.accountId()), family, Instant.now()))
                .as("the session's refresh family is revoked")
                .isTrue();
    }

    /** Another admin's replay holds the projection: the Replay button says so instead of seeming to do nothing. */
    @Test
    void aReplayRefusedBecauseOneIsRunningSaysSo() {
        String projection = "snack-reactions";
        signIn(api.admin(), null);
        browser.get(base() + "#/projections");
        By replay = By.cssSelector("button[aria-label='Replay " + projection + "']");
        wait.until(ExpectedConditions.elementToBeClickable(replay));
        await().atMost(Duration.ofSeconds(60)).until(() -> replays.lock(projection));
        try {
            click(replay);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay"), "already being replayed"));
        } finally {
            replays.unlock(projection);
        }
    }

    /** Enter pressed twice while the log-in is on its way opens one session, not a second that signing out would leave working. */
    @Test
    void aSignInSubmittedTwiceLogsInOnce() {
        Member auditor = api.withRoles("Double Submit Auditor", "AUDITOR");
        signOutIfSignedIn();
        JavascriptExecutor script = browser;
        script.executeScript("window.__logins = 0;"
                + " const fetchOriginal = window.fetch;"
                + " window.fetch = (url, options) => {"
                + "   if (String(url) === '/api/auth/login') window.__logins += 1;"
                + "   return fetchOriginal(url, options);"
                + " };");
        type(By.id("email"), auditor.email());
        type(By.id("password"), auditor.password());

        script.executeScript(
                "const form = document.querySelector('form.sign-in'); form.requestSubmit(); form.requestSubmit();");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
        assertThat(((Number) script.executeScript("return window.__logins")).intValue())
                .isEqualTo(1);
    }

    /**
     * A duplicated tab starts with a copy of the original's session: each tab refreshes it in turn and hands the new
     * pair to the other, instead of reusing a refresh token the other rotated, which ends the session for both.
     */
    @Test
    void aDuplicatedTabAndItsOriginalEachRefreshTheSessionAndBothGoOn() {
        Member auditor = api.withRoles("Duplicated Tab Auditor", "AUDITOR");
        signIn(auditor, null);
        String original = browser.getWindowHandle();
        String signedIn = sessionInTab();
        String family = familyOf(accessTokenIn(signedIn));
        browser.switchTo().newWindow(WindowType.TAB);
        String duplicate = browser.getWindowHandle();
        try {
            browser.get(base());
            reloadWithAnUnusableAccessToken(signedIn);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-q")));

            browser.switchTo().window(original);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !refreshTokenIn(sessionInTab()).equals(refreshTokenIn(signedIn)));
            String handedOn = sessionInTab();
            reloadWithAnUnusableAccessToken(handedOn);
            type(By.id("search-q"), auditor.email());
            click(By.id("search-go"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.hit[data-kind='account']")));

            browser.switchTo().window(duplicate);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !refreshTokenIn(sessionInTab()).equals(refreshTokenIn(handedOn)));
            reloadWithAnUnusableAccessToken(sessionInTab());
            type(By.id("search-q"), auditor.email());
            click(By.id("search-go"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.hit[data-kind='account']")));
        } finally {
            browser.switchTo().window(duplicate).close();
            browser.switchTo().window(original);
        }
        assertThat(revocations.isRevoked(AccountId.of(auditor.accountId()), family, Instant.now()))
                .as("no refresh token was used twice")
                .isFalse();
    }

    /** Sign out forgets the session after a short wait when the log-out call hangs, instead of hanging with it. */
    @Test
    void signingOutWhileTheServerDoesNotAnswerStillSignsOut() {
        signIn(api.withRoles("Hung Log-out Auditor", "AUDITOR"), null);
        JavascriptExecutor script = browser;
        script.executeScript("const fetchOriginal = window.fetch;"
                + " window.fetch = (url, options) => String(url) === '/api/auth/logout'"
                + "   ? new Promise(() => {}) : fetchOriginal(url, options);");
        click(By.id("sign-out"));
        new WebDriverWait(browser, Duration.ofSeconds(8))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("sign-in-status"), "You are signed out"));
        assertThat(sessionInTab()).isNull();
    }

    // ---- steps

    private Instant signedUpAt(Member member) {
        return history.eventsOf(member.accountId()).get(0).timestamp();
    }

    /**
     * Appends one ProfileChanged per instant (named "<name> 1", "<name> 2", …), recorded and effective at
     * it, straight to the event store as {@code LongProfileHistoryIT} does: a thousand changes through the API would
     * take far longer. Returns once the accounts view has them and the last instant has passed.
     */
    /** {@code count} instants a millisecond apart, from just after the member signed up. */
    private List<Instant> aMillisecondApart(Member member, int count) {
        Instant first = signedUpAt(member).truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instants.add(first.plusMillis(i));
        }
        return instants;
    }

    private void withProfileChanges(Member member, String name, List<Instant> instants) {
        List<SeededAccountEvents.Seeded> changes = new ArrayList<>();
        for (int i = 1; i <= instants.size(); i++) {
            Instant at = instants.get(i - 1);
            changes.add(new SeededAccountEvents.Seeded(
                    new ProfileChanged(
                            AccountId.of(member.accountId()), new ProfileFields(name + " " + i, null, null), at),
                    member.accountId(),
                    at));
        }
        new SeededAccountEvents(storage, transactions, jdbc).append(member.accountId(), changes);
        Instant last = instants.get(instants.size() - 1);
        await().until(Instant::now, now -> now.isAfter(last));
    }

    private long horizontalOverflow() {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .longValue();
    }

    private String sessionInTab() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("return sessionStorage.getItem('hindsight.console.session')");
    }

    /** Loads the console again with this session, its access token replaced by one the server refuses. */
    private void reloadWithAnUnusableAccessToken(String session) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const session = JSON.parse(arguments[0]); session.accessToken = 'expired-or-garbage';"
                                + " sessionStorage.setItem('hindsight.console.session', JSON.stringify(session));",
                        session);
        browser.navigate().refresh();
    }

    private static String accessTokenIn(String session) {
        return tokenIn(session, "accessToken");
    }

    private static String refreshTokenIn(String session) {
        return tokenIn(session, "refreshToken");
    }

    private static String tokenIn(String session, String field) {
        Matcher token = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(session);
        assertThat(token.find()).as("%s in %s", field, session).isTrue();
        return token.group(1);
    }

    private static String familyOf(String accessToken) {
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        Matcher family = Pattern.compile("\"fam\":\"([^\"]+)\"").matcher(payload);
        assertThat(family.find()).as("a family in %s", payload).isTrue();
        return family.group(1);
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/console/";
    }

    private void signIn(Member member, String screenshotName) {
        signOutIfSignedIn();
        type(By.id("email"), member.email());
        type(By.id("password"), member.password());
        if (screenshotName != null) {
            screenshot(screenshotName);
        }
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")),
                ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-status"), "")));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
    }

    private void signOutIfSignedIn() {
        browser.get(base());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
    }

    private By feedRowOf(String aggregateId) {
        return By.cssSelector("#feed-rows tr a[title='" + aggregateId + "']");
    }

    private void type(By field, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(field));
        input.clear();
        input.sendKeys(text);
    }

    private void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    private void textToBe(By element, String text) {
        wait.until(ExpectedConditions.textToBe(element, text));
    }

    private static void screenshot(String name) {
        try {
            Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, up to a limit, by making the window as tall as the page for one screenshot. */
    private static void fullPageScreenshot(String name) {
        Dimension size = browser.manage().window().getSize();
        JavascriptExecutor script = browser;
        long page = ((Number) script.executeScript("return document.documentElement.scrollHeight")).longValue();
        long viewport = ((Number) script.executeScript("return window.innerHeight")).longValue();
        int height = (int) Math.min(FULL_PAGE_LIMIT, page + (size.height - viewport));
        browser.manage().window().setSize(new Dimension(size.width, Math.max(size.height, height)));
        try {
            screenshot(name);
        } finally {
            browser.manage().window().setSize(size);
        }
    }
}
