package io.trackersuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackersuite.testing.RedisProxyResource;
import io.trackersuite.testing.aws.AwsStub;

/**
 * The web UI in a real browser (Debian's headless Chromium) against the whole suite: the gateway, session-service,
 * monitoring-service and resource-scanner processes, the mock OIDC provider and the AWS stub. Saves a screenshot of
 * each page at desktop and phone width in target/screenshots (copied to docs/screenshots for the README).
 */
@QuarkusTest
@WithTestResource(RedisProxyResource.class)
@WithTestResource(value = SuiteResource.class, initArgs = {
        @ResourceArg(name = "scanner", value = "real"),
        @ResourceArg(name = "presence-max-connections", value = "3") })
class WebUiTest {

    /** What the gateway (in this JVM) logs at ERROR while the browsers use the suite. */
    private static final List<String> GATEWAY_ERRORS = new CopyOnWriteArrayList<>();
    private static final Handler ERROR_CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                GATEWAY_ERRORS.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " (" + record.getThrown() + " at " + Arrays.toString(record.getThrown().getStackTrace()) + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void captureGatewayErrors() {
        Logger.getLogger("").addHandler(ERROR_CAPTURE);
    }

    /**
     * Pages that work can still leave failures behind (an uncaught exception on a proxied stream, a response
     * written twice): after the browsers, neither the gateway nor a service behind it logged an error.
     */
    @AfterAll
    static void nothingFailedBehindThePages() throws IOException {
        Logger.getLogger("").removeHandler(ERROR_CAPTURE);
        assertThat(GATEWAY_ERRORS).as("errors the gateway logged").isEmpty();
        for (String service : List.of("session-service", "monitoring-service", "resource-scanner")) {
            Path log = Path.of("target", service + ".log");
            if (Files.exists(log)) {
                assertThat(Files.readAllLines(log)).as(log + ": uncaught exceptions and errors")
                        .noneMatch(line -> line.contains("Uncaught exception") || line.contains("Unhandled exception")
                                || line.contains("\"level\":\"ERROR\""));
            }
        }
    }

    @Test
    void twoWindowsSeeEachOtherJoinAndLeaveWhileTheDurationTicks() {
        try (Browser browser = Browser.desktop()) {
            browser.driver.get(root.toString());
            awaitLive(browser);
            String first = browser.driver.getWindowHandle();
            Set<String> before = visitorIds(browser);

            browser.driver.switchTo().newWindow(WindowType.TAB).get(root.toString());
            awaitLive(browser);
            String second = browser.driver.getWindowHandle();
            browser.driver.switchTo().window(first);
            browser.wait.until(d -> visitorIds(browser).size() == before.size() + 1);
            Set<String> joined = visitorIds(browser);
            joined.removeAll(before);
            // privacy mode (the default): an anonymous visitor sees the others' addresses masked, its own in full
            WebElement newcomer = browser.driver.findElement(By.cssSelector("#visitors li[data-id='" + joined.iterator().next() + "']"));
            assertThat(newcomer.findElement(By.className("mono")).getText()).isEqualTo("127.0.0.0/24");
            assertThat(browser.driver.findElement(By.id("you-ip")).getText()).isEqualTo("127.0.0.1");

            // off EC2 the instance panel names the host that serves this page
            String instancePanel = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("instance-details"))).getText();
            assertThat(instancePanel).contains("not on EC2").contains(browser.driver.findElement(By.id("you-instance")).getText());
            Number qrWidth = (Number) browser.driver.executeScript("return document.querySelector('img.qr').naturalWidth");
            assertThat(qrWidth.intValue()).as("the QR code image loaded").isPositive();

            String ticking = browser.driver.findElement(By.id("you-duration")).getText();
            browser.wait.until(d -> !d.findElement(By.id("you-duration")).getText().equals(ticking)); // it counts
            browser.screenshot("tracker-desktop");

            browser.driver.switchTo().window(second).close();
            browser.driver.switchTo().window(first);
            browser.wait.until(d -> !visitorIds(browser).contains(joined.iterator().next()));
            browser.driver.manage().window().setSize(new Dimension(375, 812));
            browser.screenshot("tracker-phone");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    @Test
    void thePageShowsItIsReconnectingAndComesBackWhenTheServiceRestarts() throws InterruptedException {
        try (Browser browser = Browser.desktop()) {
            browser.driver.get(root.toString());
            awaitLive(browser);
            // the visitor's own entry may come with the first delta rather than the snapshot
            String me = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#visitors li.you")))
                    .getAttribute("data-id");

            SuiteResource.killAndRestart("session-service", () -> browser.wait.until(
                    ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("^Reconnecting"))));

            // back-off after a ~10 s outage: retries at about 1, 3, 7 and 15 s
            new WebDriverWait(browser.driver, Duration.ofSeconds(40)).until(ExpectedConditions.textToBe(By.id("status"), "Live"));
            String again = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#visitors li.you")))
                    .getAttribute("data-id");
            assertThat(again).as("a new presence session after the reconnect").isNotEqualTo(me);
        }
    }

    @Test
    void theConnectionOverTheLimitGetsTheMaximumUsersPage() {
        try (Browser browser = Browser.desktop()) {
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    browser.driver.switchTo().newWindow(WindowType.TAB);
                }
                browser.driver.get(root.toString());
                awaitLive(browser);
            }
            browser.driver.switchTo().newWindow(WindowType.TAB).get(root.toString());
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("limit")));
            assertThat(browser.driver.findElement(By.id("limit")).getText())
                    .contains("Maximum users reached on this instance");
            browser.screenshot("tracker-limit");
        }
    }

    @Test
    void aUserAgentWithMarkupIsShownAsText() {
        String hostile = "<script>alert('ua')</script><img src=x onerror=alert(1)> Evil/1.0";
        try (Browser viewer = Browser.desktop(); Browser evil = Browser.open(hostile, 1280, 900)) {
            evil.driver.get(root.toString());
            awaitLive(evil);
            viewer.driver.get(root.toString());
            awaitLive(viewer);
            viewer.wait.until(d -> d.findElements(By.cssSelector("#visitors .user-agent")).stream()
                    .anyMatch(e -> e.getText().contains("<script>alert('ua')</script>")));
            assertThat(viewer.driver.findElements(By.cssSelector("#visitors script, #visitors img"))).isEmpty();
            assertNoAlert(viewer);
            assertNoAlert(evil);
        }
    }

    @Test
    void anAdminSeesALoginArriveWithItsRoleAndEndsIt() {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser admin = Browser.desktop(); Browser other = Browser.desktop()) {
            String adminName = "ada-" + UUID.randomUUID().toString().substring(0, 8);
            signIn(admin, "/admin/", adminName, "admin");
            admin.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions tr[data-user='" + adminName + "']")));
            admin.wait.until(ExpectedConditions.textToBe(By.id("feed-state"), "live"));
            int[] before = settledFigures(admin);

            signIn(other, "/scans/", operator, "operator");
            admin.wait.until(d -> activeUsers(admin) == before[0] + 1 && roleCount(admin, "operator") == before[1] + 1);
            By row = By.cssSelector("#sessions tr[data-user='" + operator + "']");
            admin.wait.until(ExpectedConditions.presenceOfElementLocated(row));
            // the visits card: shares of VPN and hosting networks, the latest visits and the data's credit
            admin.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("visits"), "% hosting"));
            assertThat(admin.driver.findElement(By.id("visits")).getText()).contains("Latest visits", "DB-IP");
            admin.screenshot("admin-desktop");

            admin.click(admin.driver.findElement(row).findElement(By.tagName("button")));
            WebElement dialog = admin.wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("dialog")));
            assertThat(dialog.getText()).contains(operator);
            dialog.findElement(By.cssSelector("[data-confirm]")).click();
            admin.wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
            admin.wait.until(d -> activeUsers(admin) == before[0]);

            // the history, filtered to that user, shows the session ended by force
            admin.driver.findElement(By.id("f-user")).sendKeys(operator);
            admin.click(admin.driver.findElement(By.cssSelector("#history-filter button[type=submit]")));
            admin.wait.until(d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#history tr"));
                return rows.size() == 1 && rows.get(0).getText().startsWith(operator + " operator")
                        && rows.get(0).getText().contains("forced");
            });

            admin.driver.manage().window().setSize(new Dimension(375, 812));
            admin.screenshot("admin-phone");
            assertThat(admin.cspViolations()).isEmpty();
        }
    }

    @Test
    void anOperatorScansTheAccountSeesCostsAndDeletesAfterADryRun() {
        AwsStub aws = SuiteResource.aws();
        aws.reset();
        aws.add("ec2_instance", "us-east-1", "i-0aaa000000000001", "running").attr("type", "t3.micro")
                .tag("Name", "web-1");
        aws.add("ec2_instance", "us-east-1", "i-0aaa000000000002", "stopped").attr("type", "m5.large")
                .tag("Name", "billing-db").tag("protected", "true");
        aws.add("ebs_volume", "us-east-1", "vol-0aaa000000000001", "available").attr("size", 100)
                .attr("volume_type", "gp3").attr("iops", 3000).attr("throughput", 125);
        aws.add("s3_bucket", "global", "ui-logs", "available").attr("region", "us-east-1")
                .tag("owner", "<img src=x onerror=alert(1)>");
        aws.add("nat_gateway", "us-east-1", "nat-0aaa000000000001", "available");

        try (Browser browser = Browser.desktop()) {
            signIn(browser, "/scans/", "op-" + UUID.randomUUID().toString().substring(0, 8), "operator");
            browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("scan-start")));
            browser.wait.until(d -> !d.findElement(By.id("history")).getText().startsWith("Loading"));
            String earlierScan = newestScan(browser);
            browser.driver.findElement(By.id("scan-regions")).sendKeys("us-east-1");
            browser.driver.findElement(By.id("scan-start")).click();
            awaitScanShown(browser, earlierScan);
            browser.wait.until(d -> d.findElement(By.id("scan-progress-text")).getText().startsWith("completed"));

            assertThat(browser.driver.findElement(By.id("match-count")).getText()).isEqualTo("5");
            assertThat(browser.driver.findElement(By.id("scan-errors")).isDisplayed()).as("no task failed").isFalse();
            // t3.micro 7.592 + gp3 100 GB 8.00 + NAT 32.85 = 48.442
            assertThat(browser.driver.findElement(By.id("match-cost")).getText()).isEqualTo("$48.44");
            WebElement bucket = browser.driver.findElement(By.cssSelector("#resources tr[data-id='ui-logs']"));
            assertThat(bucket.getText()).contains("owner=<img src=x onerror=alert(1)>");
            assertThat(browser.driver.findElements(By.cssSelector("#resources img"))).isEmpty();
            WebElement protectedRow = browser.driver.findElement(By.cssSelector("#resources tr[data-id='i-0aaa000000000002']"));
            assertThat(protectedRow.findElement(By.cssSelector("input[type=checkbox]")).isEnabled()).isFalse();
            assertThat(protectedRow.getText()).contains("protected by tag protected=true");
            browser.screenshot("scans-desktop");

            browser.click(browser.driver.findElement(By.cssSelector("#resources tr[data-id='i-0aaa000000000001'] input")));
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("bulk-action"))).selectByValue("delete");
            browser.click(browser.driver.findElement(By.id("bulk-button")));
            WebElement dryRun = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("dialog")));
            assertThat(dryRun.findElement(By.cssSelector("#action-results tr[data-outcome]")).getAttribute("data-outcome"))
                    .isEqualTo("would_succeed");
            assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("running");
            dryRun.findElement(By.cssSelector("[data-confirm]")).click();
            WebElement done = browser.wait.until(d -> d.findElements(By.tagName("dialog")).stream()
                    .filter(e -> e.getText().startsWith("Done")).findFirst().orElse(null));
            assertThat(done.getText()).contains("1 succeeded").contains("terminated");
            assertThat(aws.find("ec2_instance", "us-east-1", "i-0aaa000000000001").state).isEqualTo("terminated");
            done.findElement(By.cssSelector("[data-confirm]")).click();

            // sorting by keyboard: Enter on the cost header sorts ascending, again descending
            WebElement costHeader = browser.driver.findElement(By.cssSelector("th[data-sort='monthly_cost']"));
            costHeader.sendKeys(Keys.ENTER);
            browser.wait.until(d -> "ascending".equals(costHeader.getAttribute("aria-sort")));
            costHeader.sendKeys(Keys.ENTER);
            browser.wait.until(d -> "nat-0aaa000000000001".equals(
                    d.findElement(By.cssSelector("#resources tr[data-id]")).getAttribute("data-id")));

            // a second scan, compared with the first: the instance changed state and its cost is gone
            String firstScan = newestScan(browser);
            browser.click(browser.driver.findElement(By.id("scan-start")));
            awaitScanShown(browser, firstScan);
            List<WebElement> newestTwo = browser.driver.findElements(By.cssSelector("#history tr[data-scan] input")).subList(0, 2);
            newestTwo.forEach(browser::click);
            browser.click(browser.driver.findElement(By.id("diff-button")));
            WebElement summary = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("diff-summary")));
            assertThat(summary.getText()).isEqualTo("0 new · 0 gone · 1 changed · cost −$7.59 a month");
            assertThat(browser.driver.findElement(By.id("diff")).getText()).contains("web-1: running → terminated");

            // a scan whose tasks fail says why, once per service and region, not only how many
            aws.deny("lambda", "us-east-1");
            String secondScan = newestScan(browser);
            browser.click(browser.driver.findElement(By.id("scan-start")));
            awaitScanShown(browser, secondScan);
            WebElement errors = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-errors")));
            assertThat(errors.getText()).contains("failed; the first reason per service and region")
                    .contains("lambda · us-east-1: AccessDeniedException — User: arn:aws:iam::");

            browser.driver.manage().window().setSize(new Dimension(375, 812));
            browser.screenshot("scans-phone");
            assertThat(browser.cspViolations()).isEmpty();
        }

        // a viewer reads the same inventory but can neither scan nor act
        try (Browser viewer = Browser.desktop()) {
            signIn(viewer, "/scans/", "vi-" + UUID.randomUUID().toString().substring(0, 8), "viewer");
            viewer.wait.until(d -> d.findElements(By.cssSelector("#resources tr[data-id]")).size() == 5);
            assertThat(viewer.driver.findElement(By.id("scan-readonly")).isDisplayed()).isTrue();
            assertThat(viewer.driver.findElement(By.id("scan-start")).isEnabled()).isFalse();
            assertThat(viewer.driver.findElement(By.id("bulk-button")).isDisplayed()).isFalse();
            assertThat(viewer.driver.findElements(By.cssSelector("#resources input[type=checkbox]")))
                    .allSatisfy(box -> assertThat(box.isEnabled()).isFalse());
        }
    }

    /** Signs the browser in through the provider's login form, as the given user with the given roles. */
    private void signIn(Browser browser, String page, String user, String... roles) {
        SuiteResource.teachUser(user, Set.of(roles));
        browser.driver.get(root.toString().replaceAll("/$", "") + page);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user);
        browser.driver.findElement(By.id("login")).click();
        browser.wait.until(ExpectedConditions.urlContains(page));
        browser.wait.until(d -> d.findElement(By.id("nav-user")).getText().contains(user));
    }

    /** The id of the newest scan in the history table ("" while there is none). */
    private static String newestScan(Browser browser) {
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#history tr[data-scan]"));
        return rows.isEmpty() ? "" : rows.get(0).getAttribute("data-scan");
    }

    /** Waits until a scan newer than {@code earlier} heads the history and its inventory is the one shown. */
    private static void awaitScanShown(Browser browser, String earlier) {
        browser.wait.until(d -> {
            String newest = newestScan(browser);
            return !newest.isEmpty() && !newest.equals(earlier)
                    && newest.startsWith(d.findElement(By.id("scan-id")).getText())
                    && !d.findElements(By.cssSelector("#resources tr[data-id]")).isEmpty();
        });
    }

    private static void awaitLive(Browser browser) {
        browser.wait.until(ExpectedConditions.textToBe(By.id("status"), "Live"));
    }

    private static Set<String> visitorIds(Browser browser) {
        List<WebElement> items = browser.driver.findElements(By.cssSelector("#visitors li[data-id]:not(.leaving)"));
        return items.stream().map(e -> e.getAttribute("data-id")).collect(Collectors.toSet());
    }

    /** The dashboard's count for one role, read in one step (the list is re-rendered on every push). */
    private static int roleCount(Browser browser, String role) {
        Object count = browser.driver.executeScript("const badge = document.querySelector("
                + "`#by-role li[data-role='${arguments[0]}'] .badge`); return badge ? badge.textContent : '0'", role);
        return Integer.parseInt((String) count);
    }

    private static int activeUsers(Browser browser) {
        return Integer.parseInt(browser.driver.findElement(By.id("active-users")).getText());
    }

    /**
     * Active users and operators once the dashboard has stopped changing for 1.5 s: the logins of earlier tests
     * and of this admin may still be arriving through the feed.
     */
    private static int[] settledFigures(Browser browser) {
        int[][] last = { null };
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(1_500)).until(d -> {
            int[] now = { activeUsers(browser), roleCount(browser, "operator") };
            boolean settled = java.util.Arrays.equals(now, last[0]);
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private static void assertNoAlert(Browser browser) {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("a script from a User-Agent ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
