package io.github.qstashspring.broker.dashboard;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.qstashspring.broker.support.BrokerTestSupport;
import io.github.qstashspring.broker.support.HeadlessChromium;
import io.github.qstashspring.broker.support.TestReceiver.Received;
import io.github.qstashspring.broker.support.WorkflowWire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (headless Debian chromium through Selenium) against a
 * real broker: one browser and one broker walk through signing in, publishing, the
 * overview and a message's timeline, retrying and deleting a DLQ entry, editing, pausing
 * and resuming a queue, creating a URL group and a schedule, the workflow runs (paged,
 * filtered, a run's steps and outcome, cancelling a run, sending an event to a waiting
 * run), every view without a console error, in light and dark mode. It saves screenshots
 * to the folder of the system property {@code qstash.dashboard.screenshots}
 * ({@code target/dashboard-screenshots} unless set; the documentation's come from
 * {@code ../docs/images}).
 */
class DashboardBrowserTests extends BrokerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> VIEWS = List.of("overview", "message", "logs", "workflows", "publish", "dlq",
            "schedules", "urlGroups", "queues", "flowControl");

    private final Path screenshots = Path
        .of(System.getProperty("qstash.dashboard.screenshots", "target/dashboard-screenshots"));

    private HeadlessChromium chromium;

    private ChromeDriver driver;

    private WebDriverWait wait;

    private final WorkflowWire workflow = new WorkflowWire(() -> this.api);

    @Override
    protected Clock brokerClock() {
        return Clock.systemUTC();
    }

    @AfterEach
    void stopBrowser() {
        if (this.chromium != null) {
            this.chromium.close();
        }
    }

    @Test
    void walkThroughEveryViewAndAction() {
        this.chromium = HeadlessChromium.start(1280, 900);
        this.driver = this.chromium.driver();
        this.wait = new WebDriverWait(this.driver, WAIT);
        this.wait.ignoring(StaleElementReferenceException.class);
        this.receiver.reply("/fail", 500, Map.of());

        signIn();
        String published = publishThroughTheForm();
        overviewShows(published);
        messageShowsItsTimeline(published);
        dlqEntryIsRetriedAndDeleted();
        queueIsCreatedPausedAndResumed();
        urlGroupIsCreated();
        scheduleIsCreated();
        workflowRunsArePagedAndFiltered();
        workflowRunShowsItsStepsAndResult();
        workflowRunIsCancelled();
        eventReachesAWaitingRun();
        failedRunShowsItsDlqIdAndFailureFunction();
        badgesNeverWrap();
        keyboardReachesViewsAndDialogs();
        readsWellAt1024Pixels();
        everyViewOpensWithoutConsoleError();
        darkModeFollowsTheSystem();
    }

    private void signIn() {
        this.driver.get(this.broker.getUrl() + "/dashboard/");
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(this.broker.getToken());
        this.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
        assertThat(this.driver.getCurrentUrl()).endsWith("#overview");
        this.chromium.assertNoConsoleError("sign-in");
    }

    private String publishThroughTheForm() {
        // Some traffic first, so that the overview's charts have something to show.
        for (int i = 0; i < 12; i++) {
            publish("/ok/" + (i % 3), Map.of(), "warm-up " + i);
        }
        for (int i = 0; i < 3; i++) {
            publish("/later", Map.of("Upstash-Delay", "1h"), "later " + i);
        }
        // The first attempt fails, the retry (due at once) is delivered; both callbacks
        // are set.
        this.receiver.failNext("/hello", 1, 503);
        openView("publish");
        WebElement form = this.driver.findElement(By.id("publish-form"));
        form.findElement(By.name("url")).sendKeys(this.receiver.url("/hello"));
        form.findElement(By.name("headers"))
            .sendKeys("Upstash-Retry-Delay: 0\nUpstash-Callback: " + this.receiver.url("/callback")
                    + "\nUpstash-Failure-Callback: " + this.receiver.url("/failure-callback"));
        form.findElement(By.name("body")).sendKeys("hello from the browser");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement link = this.wait
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#publish-result button.link")));
        String id = link.getText();
        assertThat(id).startsWith("msg_");
        awaitReceived("/hello", 2);
        awaitState(id, "DELIVERED");
        return id;
    }

    private void overviewShows(String messageId) {
        String failing = publish("/fail", Map.of("Upstash-Retries", "0"), "will fail");
        awaitState(failing, "FAILED");
        openView("overview");
        By row = By.xpath("//div[@id='overview-recent']//tr[.//button[text()='" + messageId + "']]");
        this.wait.until((d) -> d.findElement(row).getText().contains("DELIVERED"));
        this.wait.until((d) -> cardValue(d, "DLQ").equals("1"));
        assertThat(cardValue(this.driver, "Backlog")).isEqualTo("3");
        assertThat(this.driver.findElements(By.cssSelector("#chart-rates svg polyline"))).hasSize(4);
        assertThat(this.driver.findElements(By.cssSelector("#chart-backlog svg polyline"))).hasSize(1);
        // 17 publishes and the callbacks of the two attempts of the retried message
        long published = 0;
        for (JsonNode bucket : this.api.get("/v2/stats").json().get("series").get("published")) {
            published += bucket.asLong();
        }
        assertThat(published).isEqualTo(19);
        this.wait.until((d) -> d.findElement(By.id("chart-rates")).getText().contains("published 19 in 15 min"));
        this.chromium.assertNoConsoleError("overview");
        screenshot("overview");
    }

    private static String cardValue(WebDriver driver, String label) {
        return driver.findElement(By.xpath("//div[@id='overview-cards']/button[span[text()='" + label + "']]/strong"))
            .getText();
    }

    private void messageShowsItsTimeline(String messageId) {
        click(By.xpath("//div[@id='overview-recent']//button[text()='" + messageId + "']"));
        this.wait.until((d) -> d.findElements(By.cssSelector("#message-result ol.timeline li")).size() >= 6);
        List<String> steps = this.driver.findElements(By.cssSelector("#message-result ol.timeline li"))
            .stream()
            .map(WebElement::getText)
            .toList();
        assertThat(steps.get(0)).contains("CREATED");
        assertThat(steps.get(1)).contains("ACTIVE", "attempt 1");
        assertThat(steps.get(2)).contains("ERROR", "attempt 1", "503");
        assertThat(steps.get(3)).contains("RETRY", "next attempt");
        assertThat(steps.get(4)).contains("ACTIVE", "attempt 2");
        assertThat(steps.get(5)).contains("DELIVERED", "attempt 2");
        String details = this.driver.findElement(By.id("message-result")).getText();
        assertThat(details).contains(this.receiver.url("/hello"), "hello from the browser",
                "Callback\n" + this.receiver.url("/callback"),
                "Failure callback\n" + this.receiver.url("/failure-callback"));
        assertThat(this.driver.getCurrentUrl()).endsWith("#message=" + messageId);
        this.chromium.assertNoConsoleError("message " + messageId);
        screenshot("message");
    }

    private void dlqEntryIsRetriedAndDeleted() {
        String retriedOne = publish("/fail", Map.of("Upstash-Retries", "0"), "fails for good");
        String deletedOne = publish("/fail", Map.of("Upstash-Retries", "0"), "fails for good too");
        awaitState(retriedOne, "FAILED");
        awaitState(deletedOne, "FAILED");
        openView("dlq");
        String row = "//section[@id='view-dlq']//tr[.//button[text()='%s']]";
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(row.formatted(deletedOne))));
        screenshot("dlq");
        click(By.xpath(row.formatted(retriedOne) + "//button[text()='Retry']"));
        this.wait.until((d) -> statusOf(d, "dlq").startsWith("Retried as msg_"));
        String retried = statusOf(this.driver, "dlq").substring("Retried as ".length());
        awaitState(retried, "CREATED");
        assertThat(dlqHas(retriedOne)).isFalse();

        // Deleting asks first: cancelling keeps the entry, confirming deletes it.
        By delete = By.xpath(row.formatted(deletedOne) + "//button[text()='Delete']");
        click(delete);
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        String dlqId = this.api.get("/v2/dlq?messageId=" + deletedOne)
            .json()
            .get("messages")
            .get(0)
            .get("dlqId")
            .asString();
        assertThat(this.driver.findElement(By.id("confirm-text")).getText())
            .isEqualTo("Delete DLQ message " + dlqId + "?");
        this.driver.findElement(By.id("confirm-cancel")).click();
        this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(dlqHas(deletedOne)).isTrue();
        click(delete);
        this.wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        this.wait.until((d) -> statusOf(d, "dlq").equals("Deleted"));
        assertThat(dlqHas(deletedOne)).isFalse();
        this.chromium.assertNoConsoleError("DLQ");
    }

    private boolean dlqHas(String messageId) {
        return this.api.get("/v2/dlq?messageId=" + messageId).json().get("messages").size() > 0;
    }

    private void queueIsCreatedPausedAndResumed() {
        openView("queues");
        this.driver.findElement(By.cssSelector("#queue-editor summary")).click();
        WebElement form = this.driver.findElement(By.id("queue-form"));
        form.findElement(By.name("name")).sendKeys("orders");
        WebElement parallelism = form.findElement(By.name("parallelism"));
        parallelism.clear();
        parallelism.sendKeys("3");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> statusOf(d, "queues").equals("Saved queue orders"));
        assertThat(queue("orders").get("parallelism").asInt()).isEqualTo(3);

        String actions = "//section[@id='view-queues']//tr[.//strong[text()='orders']]//button[text()='%s']";
        click(By.xpath(actions.formatted("Pause")));
        this.wait.until((d) -> statusOf(d, "queues").equals("Paused"));
        assertThat(queue("orders").get("paused").asBoolean()).isTrue();
        screenshot("queues");
        click(By.xpath(actions.formatted("Resume")));
        this.wait.until((d) -> statusOf(d, "queues").equals("Resumed"));
        assertThat(queue("orders").get("paused").asBoolean()).isFalse();

        click(By.xpath(actions.formatted("Edit")));
        WebElement edited = form.findElement(By.name("parallelism"));
        edited.clear();
        edited.sendKeys("5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> queue("orders").get("parallelism").asInt() == 5);
        this.chromium.assertNoConsoleError("queues");
    }

    private JsonNode queue(String name) {
        return this.api.get("/v2/queues/" + name).json();
    }

    private void urlGroupIsCreated() {
        openView("urlGroups");
        this.driver.findElement(By.cssSelector("#urlGroup-editor summary")).click();
        WebElement form = this.driver.findElement(By.id("urlGroup-form"));
        form.findElement(By.name("name")).sendKeys("team");
        form.findElement(By.name("endpoints"))
            .sendKeys(this.receiver.url("/team/a") + "\nsecond " + this.receiver.url("/team/b"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> statusOf(d, "urlGroups").equals("Saved URL group team"));
        JsonNode endpoints = this.api.get("/v2/topics/team").json().get("endpoints");
        assertThat(endpoints).hasSize(2);
        assertThat(endpoints.get(1).get("name").asString()).isEqualTo("second");
        assertThat(this.driver.findElement(By.id("urlGroups-result")).getText()).contains(this.receiver.url("/team/b"));
        screenshot("url-groups");
        this.chromium.assertNoConsoleError("URL groups");
    }

    private void scheduleIsCreated() {
        openView("schedules");
        this.driver.findElement(By.cssSelector("#view-schedules details.editor summary")).click();
        WebElement form = this.driver.findElement(By.id("schedule-form"));
        form.findElement(By.name("destination")).sendKeys(this.receiver.url("/tick"));
        form.findElement(By.name("cron")).sendKeys("0 9 * * 1");
        form.findElement(By.name("body")).sendKeys("weekly report");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> statusOf(d, "schedules").startsWith("Created schedule scd_"));
        JsonNode schedules = this.api.get("/v2/schedules").json();
        assertThat(schedules).hasSize(1);
        assertThat(schedules.get(0).get("cron").asString()).isEqualTo("0 9 * * 1");
        assertThat(schedules.get(0).get("destination").asString()).isEqualTo(this.receiver.url("/tick"));
        screenshot("schedules");
        this.chromium.assertNoConsoleError("schedules");
    }

    private void workflowRunsArePagedAndFiltered() {
        String url = this.receiver.url("/wf");
        this.receiver.reply("/wf", 200, WorkflowWire.SDK_ANSWER);
        this.receiver.reply("/wf-wait", 200, WorkflowWire.SDK_ANSWER);
        // More runs than a page (10), started together and left running.
        this.workflow.batch(IntStream.range(0, 11)
            .mapToObj((i) -> WorkflowWire.trigger("wfr_page" + i, url, "{}", Map.of()))
            .toArray(String[]::new));
        awaitReceived("/wf", 11);
        // A run that ends with a result after a step and a parallel group of two.
        this.workflow.batch(WorkflowWire.trigger("wfr_dash1", url, "{\"order\":1}",
                Map.of("upstash-label", "orders", "upstash-forward-upstash-label", "orders")));
        awaitReceived("/wf", 12);
        this.workflow.batch(WorkflowWire.step("wfr_dash1", url, 1, "charge", "\"ok\"", 1));
        awaitReceived("/wf", 13);
        this.workflow.batch(WorkflowWire.step("wfr_dash1", url, 2, "reserve", "\"reserved\"", 2),
                WorkflowWire.step("wfr_dash1", url, 3, "notify", "\"" + "x".repeat(100) + "\"", 2));
        awaitReceived("/wf", 15);
        assertThat(this.workflow.end("wfr_dash1", false, "\"shipped\"").status()).isEqualTo(200);
        awaitRunState("wfr_dash1", "RUN_SUCCESS");
        // A run to cancel, and a run that waits for an event.
        this.workflow.batch(WorkflowWire.trigger("wfr_dash2", url, "{\"order\":2}", Map.of()));
        awaitReceived("/wf", 16);
        this.workflow
            .batch(WorkflowWire.trigger("wfr_dash3", this.receiver.url("/wf-wait"), "{\"order\":3}", Map.of()));
        awaitReceived("/wf-wait", 1);
        assertThat(this.workflow.waitFor("wfr_dash3", this.receiver.url("/wf-wait"), "evt_paid", "1h").status())
            .isEqualTo(200);

        openView("workflows");
        this.wait.until((d) -> runRows(d).size() == 10);
        assertThat(runIds()).startsWith("wfr_dash3", "wfr_dash2", "wfr_dash1");
        assertThat(runRow("wfr_dash1")).contains("RUN_SUCCESS", url, "orders", "4 done");
        assertThat(runRow("wfr_dash2")).contains("RUN_STARTED", "1 done");
        List<String> newest = runIds();
        click(By.id("workflows-older"));
        this.wait.until((d) -> runRows(d).size() == 4);
        assertThat(runIds()).allMatch((id) -> id.startsWith("wfr_page")).doesNotContainAnyElementsOf(newest);
        assertThat(this.driver.findElement(By.id("workflows-older")).isEnabled()).isFalse();
        click(By.id("workflows-newest"));
        this.wait.until((d) -> runRows(d).size() == 10);

        WebElement form = this.driver.findElement(By.id("workflows-form"));
        new Select(form.findElement(By.name("state"))).selectByVisibleText("RUN_SUCCESS");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> runIds().equals(List.of("wfr_dash1")));
        new Select(form.findElement(By.name("state"))).selectByVisibleText("any");
        form.findElement(By.name("workflowUrl")).sendKeys(this.receiver.url("/wf-wait"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> runIds().equals(List.of("wfr_dash3")));
        form.findElement(By.name("workflowUrl")).clear();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait.until((d) -> runRows(d).size() == 10);
        screenshot("workflows");
        this.chromium.assertNoConsoleError("workflows");
    }

    private void workflowRunShowsItsStepsAndResult() {
        openRun("wfr_dash1");
        this.wait.until((d) -> stepRows(d).size() == 4);
        List<String> steps = stepRows(this.driver).stream().map(WebElement::getText).toList();
        assertThat(steps.get(0)).contains("init", "Initial", "STEP_SUCCESS", "{\"order\":1}");
        assertThat(steps.get(1)).contains("charge", "Run", "STEP_SUCCESS", "\"ok\"");
        assertThat(steps.get(2)).contains("reserve", "parallel, 1 of 2", "\"reserved\"");
        // a long output is cut to its beginning, the whole of it one click away
        assertThat(steps.get(3)).contains("notify", "parallel, 2 of 2", "\"" + "x".repeat(59) + "…")
            .doesNotContain("x".repeat(61));
        String details = this.driver.findElement(By.id("workflowRun-result")).getText();
        assertThat(details).contains("RUN_SUCCESS", "Result\n\"shipped\"", "orders", this.receiver.url("/wf"));
        assertThat(this.driver.findElement(By.id("notify-editor")).isDisplayed()).as("no event for an ended run")
            .isFalse();
        assertThat(this.driver.findElements(By.xpath("//section[@id='view-workflowRun']//button[text()='Cancel run']")))
            .isEmpty();
        assertThat(this.driver.getCurrentUrl()).endsWith("#workflowRun=wfr_dash1");
        assertThat(this.driver.findElement(By.cssSelector("#tabs button[aria-current]")).getText())
            .isEqualTo("Workflows");
        screenshot("workflow-run");
        this.chromium.assertNoConsoleError("workflow run");
    }

    private void workflowRunIsCancelled() {
        openRun("wfr_dash2");
        By cancel = By.xpath("//section[@id='view-workflowRun']//button[text()='Cancel run']");
        click(cancel);
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(this.driver.findElement(By.id("confirm-text")).getText())
            .startsWith("Cancel workflow run wfr_dash2?");
        this.driver.findElement(By.id("confirm-cancel")).click();
        this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(runState("wfr_dash2")).isEqualTo("RUN_STARTED");
        click(cancel);
        this.wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        this.wait.until((d) -> statusOf(d, "workflowRun").equals("Cancelled wfr_dash2"));
        assertThat(this.driver.findElement(By.cssSelector("#workflowRun-result .summary")).getText())
            .contains("RUN_CANCELED");
        assertThat(runState("wfr_dash2")).isEqualTo("RUN_CANCELED");
        openView("workflows");
        this.wait.until((d) -> runRow("wfr_dash2").contains("RUN_CANCELED"));
        this.chromium.assertNoConsoleError("cancel a run");
    }

    private void eventReachesAWaitingRun() {
        openRun("wfr_dash3");
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#notify-editor summary")))
            .click();
        WebElement form = this.driver.findElement(By.id("notify-form"));
        form.findElement(By.name("eventId")).sendKeys("evt_paid");
        form.findElement(By.name("data")).sendKeys("{\"paid\":true}");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.wait
            .until((d) -> statusOf(d, "workflowRun").equals("Event evt_paid sent: the waiting run continues with it"));
        Received resumed = awaitReceived("/wf-wait", 2).get(1);
        List<String> history = WorkflowWire.historyBodies(resumed);
        JsonNode result = JSON.readTree(history.get(history.size() - 1));
        assertThat(result.get("waitEventId").asString()).isEqualTo("evt_paid");
        assertThat(result.get("waitTimeout").asBoolean()).isFalse();
        assertThat(WorkflowWire.decode(result.get("out").asString())).isEqualTo("{\"paid\":true}");
        assertThat(this.api.get("/v2/waiters/evt_paid").json()).isEmpty();
        this.chromium.assertNoConsoleError("send an event");
    }

    private void failedRunShowsItsDlqIdAndFailureFunction() {
        String url = this.receiver.url("/wf-fail");
        this.receiver.reply("/wf-fail", 200, WorkflowWire.SDK_ANSWER);
        this.receiver.reply("/wf-failure", 200, WorkflowWire.SDK_ANSWER);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("upstash-retries", "0");
        config.put("upstash-failure-callback", this.receiver.url("/wf-failure"));
        config.put("upstash-failure-callback-forward-upstash-workflow-is-failure", "true");
        config.put("upstash-failure-callback-forward-upstash-workflow-failure-callback", "true");
        this.workflow.batch(WorkflowWire.trigger("wfr_dash4", url, "{\"order\":4}", config));
        awaitReceived("/wf-fail", 1);
        this.receiver.failNext("/wf-fail", 1, 500);
        this.workflow.batch(WorkflowWire.step("wfr_dash4", url, 1, "charge", "\"declined\"", 1));
        awaitRunState("wfr_dash4", "RUN_FAILED");
        awaitReceived("/wf-failure", 1);

        openRun("wfr_dash4");
        String dlqId = run("wfr_dash4").get("dlqId").asString();
        click(By.xpath("//section[@id='view-workflowRun']//button[text()='Refresh']"));
        this.wait.until((d) -> d.findElement(By.id("workflowRun-result")).getText().contains("CALLBACK_SUCCESS"));
        assertThat(this.driver.findElement(By.id("workflowRun-result")).getText()).contains("RUN_FAILED",
                "DLQ id\n" + dlqId, this.receiver.url("/wf-failure"));
        List<WebElement> steps = stepRows(this.driver);
        assertThat(steps.get(steps.size() - 1).getText()).contains("next: pending, retrying or failed", "STEP_FAILED",
                "500", "answer 500");
        screenshot("workflow-run-failed");
        this.chromium.assertNoConsoleError("failed run");
    }

    private void openRun(String runId) {
        openView("workflows");
        click(By.xpath("//div[@id='workflows-result']//button[text()='" + runId + "']"));
        this.wait.until((d) -> d.findElement(By.id("view-workflowRun")).isDisplayed()
                && d.findElement(By.id("workflowRun-result")).getText().contains(runId));
    }

    private static List<WebElement> runRows(WebDriver driver) {
        return driver.findElements(By.cssSelector("#workflows-result tbody tr"));
    }

    private List<String> runIds() {
        return this.driver.findElements(By.cssSelector("#workflows-result tbody tr button.link"))
            .stream()
            .map(WebElement::getText)
            .toList();
    }

    private String runRow(String runId) {
        return this.driver.findElement(By.xpath("//div[@id='workflows-result']//tr[.//button[text()='" + runId + "']]"))
            .getText();
    }

    private static List<WebElement> stepRows(WebDriver driver) {
        return driver.findElements(By.cssSelector("#workflowRun-steps tbody tr"));
    }

    private JsonNode run(String runId) {
        return this.api.get("/v2/workflows/logs?workflowRunId=" + runId).json().get("runs").get(0);
    }

    private String runState(String runId) {
        return run(runId).get("workflowState").asString();
    }

    private void awaitRunState(String runId, String state) {
        await().atMost(WAIT).until(() -> runState(runId).equals(state));
    }

    private void badgesNeverWrap() {
        openView("logs");
        this.wait.until((d) -> !d.findElements(By.cssSelector("#logs-result .badge")).isEmpty());
        screenshot("logs");
        Object wrapped = this.driver.executeScript("return [...document.querySelectorAll('.badge')]"
                + ".filter((b) => b.getClientRects().length > 1 || b.getBoundingClientRect().height > 24)"
                + ".map((b) => b.textContent)");
        assertThat((List<?>) wrapped).as("badges on more than one line at 1280 px").isEmpty();
    }

    private void keyboardReachesViewsAndDialogs() {
        openView("overview");
        this.driver.findElement(By.id("sign-out")).sendKeys(Keys.TAB);
        WebElement focused = null;
        for (int i = 0; i < 10; i++) {
            focused = this.driver.switchTo().activeElement();
            if ("queues".equals(focused.getAttribute("data-view"))) {
                break;
            }
            focused.sendKeys(Keys.TAB);
        }
        assertThat(focused.getAttribute("data-view")).as("the Queues tab is reached with Tab").isEqualTo("queues");
        focused.sendKeys(Keys.ENTER);
        this.wait.until((d) -> d.findElement(By.id("view-queues")).isDisplayed());
        WebElement delete = this.driver.findElement(
                By.xpath("//section[@id='view-queues']//tr[.//strong[text()='orders']]//button[text()='Delete']"));
        delete.sendKeys(Keys.ENTER);
        this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-cancel");
        this.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(queue("orders").get("name").asString()).isEqualTo("orders");
    }

    private void readsWellAt1024Pixels() {
        this.driver.manage().window().setSize(new Dimension(1024, 768));
        for (String view : List.of("overview", "logs", "message", "workflows", "dlq", "queues")) {
            openView(view);
            Object overflow = this.driver
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow of %s at 1024 px", view).isZero();
        }
        openView("overview");
        screenshot("overview-1024");
        this.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private void everyViewOpensWithoutConsoleError() {
        for (String view : VIEWS) {
            openView(view);
            this.chromium.assertNoConsoleError(view);
        }
    }

    private void darkModeFollowsTheSystem() {
        openView("workflows");
        String lightSuccess = badgeColour("RUN_SUCCESS");
        openView("overview");
        String light = background();
        this.chromium.emulateDarkMode(true);
        this.wait.until((d) -> !background().equals(light));
        screenshot("overview-dark");
        openView("workflows");
        assertThat(badgeColour("RUN_SUCCESS")).as("a run's state in dark mode").isNotEqualTo(lightSuccess);
        this.chromium.emulateDarkMode(false);
        this.chromium.assertNoConsoleError("dark mode");
    }

    /** The text colour of the first badge of a state in the list of workflow runs. */
    private String badgeColour(String state) {
        By badge = By.xpath("//div[@id='workflows-result']//span[contains(@class,'badge') and text()='" + state + "']");
        return this.wait.until(ExpectedConditions.visibilityOfElementLocated(badge)).getCssValue("color");
    }

    private String background() {
        return String.valueOf(this.driver.executeScript("return getComputedStyle(document.body).backgroundColor"));
    }

    private void openView(String name) {
        click(By.cssSelector("#tabs button[data-view='" + name + "']"));
        this.wait.until((d) -> d.findElement(By.id("view-" + name)).isDisplayed());
        if (!name.equals("publish")) {
            this.wait.until((d) -> !statusOf(d, name).isEmpty());
        }
    }

    private static String statusOf(WebDriver driver, String view) {
        return driver.findElement(By.cssSelector("#view-" + view + " .status")).getText();
    }

    /** Clicks an element, finding it again when a refresh replaced it meanwhile. */
    private void click(By by) {
        this.wait.until((d) -> {
            d.findElement(by).click();
            return true;
        });
    }

    private void screenshot(String name) {
        this.chromium.screenshot(this.screenshots.resolve("dashboard-" + name + ".png"));
    }

}
