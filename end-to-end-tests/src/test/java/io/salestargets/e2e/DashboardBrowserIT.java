package io.salestargets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.Topics;
import io.salestargets.localstack.testing.TestTopics;
import io.salestargets.localstack.token.DevToken;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium: a user picked, the chart and the figures match the
 * REST view, and a sale won meanwhile shows without a reload; when the token expires, the live view
 * ends and the page says so.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int YEAR = LocalDate.now().getYear();
    private static final String TENANT = "t-" + UUID.randomUUID().toString().substring(0, 8);

    private static final Comparator<BigDecimal> BY_VALUE = Comparator.nullsFirst(BigDecimal::compareTo);

    private static Stack stack;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs Debian's chromium and chromium-driver: .ci/run installs them");
        }
        Assumptions.assumeTrue(installed, "install chromium and chromium-driver (Debian) to run the browser test");
        stack = new Stack();
        Http commands = new Http(stack.commands.url() + "/api/v1", DevToken.builder().tenant(TENANT).user("u-boss").sign());
        for (Map.Entry<String, Object[]> row : Map.of(
                "users/u-anna", new Object[] {"1000", "g-north"},
                "users/u-bo", new Object[] {"800", "g-north"},
                "groups/g-north", new Object[] {"1700", null},
                "company", new Object[] {"5000", null}).entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("interval", "MONTH");
            body.put("values", Collections.nCopies(12, new BigDecimal((String) row.getValue()[0])));
            if (row.getValue()[1] != null) {
                body.put("groupId", row.getValue()[1]);
            }
            assertThat(commands.put("/targets/" + YEAR + "/all-sales-amount/" + row.getKey(), body).status()).isEqualTo(201);
        }
        won("s-1", YEAR + "-01-15", "u-anna", "1200");
        won("s-2", YEAR + "-02-10", "u-bo", "300");

        File profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-").toFile();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1300,1500", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aUsersChartMatchesTheViewAndChangesWhenASaleIsWonWithoutAReload() throws IOException {
        String token = DevToken.builder().tenant(TENANT).sign();
        Http progress = new Http(stack.projector.url() + "/api/v1/progress", token);
        awaitActual(progress, "/" + YEAR + "/all-sales-amount/users/u-anna", "1200");

        openDashboard(token);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(page -> new Select(page.findElement(By.id("owner"))).getOptions().stream()
                .anyMatch(option -> "users/u-anna".equals(option.getDomAttribute("value"))));
        assertThat(browser.getCurrentUrl()).as("the token left the address").doesNotContain("token=");
        new Select(browser.findElement(By.id("owner"))).selectByValue("users/u-anna");
        wait.until(page -> page.findElement(By.id("title")).getText().startsWith("u-anna"));
        wait.until(page -> "Live".equals(page.findElement(By.id("connection")).getText()));

        JsonNode view = progress.get("/" + YEAR + "/all-sales-amount/users/u-anna").body();
        List<WebElement> rows = browser.findElements(By.cssSelector("#periods tbody tr"));
        assertThat(rows).hasSize(12);
        for (int i = 0; i < 12; i++) {
            List<WebElement> cells = rows.get(i).findElements(By.cssSelector("th, td"));
            assertThat(cells.get(0).getText()).isEqualTo(view.at("/periods/" + i + "/label").asText());
            assertThat(number(cells.get(1).getText())).isEqualByComparingTo(view.at("/periods/" + i + "/target").decimalValue());
            assertThat(number(cells.get(2).getText())).isEqualByComparingTo(view.at("/periods/" + i + "/actual").decimalValue());
        }
        assertThat(chart("Actual")).as("the chart's actual bars").usingElementComparator(BY_VALUE)
                .containsExactlyElementsOf(numbers(view, "actual"));
        assertThat(chart("Target")).as("the chart's target bars").usingElementComparator(BY_VALUE)
                .containsExactlyElementsOf(numbers(view, "target"));
        assertThat(number(browser.findElement(By.id("total-actual")).getText())).isEqualByComparingTo("1200");
        assertThat(browser.findElement(By.id("total-attainment")).getText()).isEqualTo("10.0 %");
        // the pace: the projection of the year, its status and what is needed, as the view has them
        assertThat(number(browser.findElement(By.id("projected")).getText())).isEqualByComparingTo(view.at("/pace/projectedActual").decimalValue());
        assertThat(browser.findElement(By.id("pace-status")).getText())
                .isEqualTo(Map.of("ahead", "Ahead", "on-track", "On track", "behind", "Behind").get(view.at("/pace/status").asText()));
        if (!view.at("/pace/neededPerWorkingDay").isNull()) {
            assertThat(browser.findElement(By.id("needed")).getText()).startsWith("needs ")
                    .contains("(" + view.at("/pace/workingDaysLeft").asInt() + " left)");
        }
        if (LocalDate.now().getMonthValue() < 12) {
            List<BigDecimal> projection = chart("Projected, cumulated");
            assertThat(projection.get(11)).as("the projection line ends at the projected actual")
                    .isEqualByComparingTo(view.at("/pace/projectedActual").decimalValue());
        }
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        won("s-3", YEAR + "-01-20", "u-anna", "700");

        wait.until(page -> number(page.findElement(By.id("total-actual")).getText()).compareTo(new BigDecimal("1900")) == 0);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;")).as("no reload").isEqualTo(true);
        assertThat(chart("Actual").get(0)).isEqualByComparingTo("1900");
        assertThat(browser.findElements(By.cssSelector("#periods tbody tr")).get(0).findElements(By.tagName("td")).get(1).getText())
                .isEqualTo("1,900");
        screenshot("dashboard-user.png");

        new Select(browser.findElement(By.id("owner"))).selectByValue("groups/g-north");
        wait.until(page -> page.findElement(By.id("title")).getText().startsWith("Team g-north"));
        wait.until(page -> page.findElements(By.cssSelector("#members tbody tr")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#members tbody th"))).extracting(WebElement::getText)
                .containsExactly("u-anna", "u-bo");
        assertThat(browser.findElement(By.id("team-sum")).getText()).contains("21,600").contains("20,400");
        screenshot("dashboard-team.png");

        // the targets as they stood before any was set (the actuals stay today's), then the targets now again
        targetsAsOf(YEAR + "-01-01T00:00");
        wait.until(page -> "—".equals(page.findElement(By.id("total-target")).getText()));
        assertThat(browser.findElement(By.id("total-target-caption")).getText()).startsWith("Target, year, as of");
        assertThat(number(browser.findElement(By.id("total-actual")).getText())).isEqualByComparingTo("2200");
        assertThat(browser.findElement(By.id("team-sum")).getText()).contains("Sum of the members\u2019 targets: 0");
        targetsAsOf("");
        wait.until(page -> "20,400".equals(page.findElement(By.id("total-target")).getText()));
    }

    @Test
    void whenTheTokenExpiresTheLiveViewEndsAndThePageAsksForAFreshToken() {
        String token = DevToken.builder().tenant(TENANT).lifetime(Duration.ofSeconds(6)).sign();
        openDashboard(token);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(page -> page.findElement(By.id("title")).getText().startsWith("Company"));
        wait.until(page -> page.findElement(By.id("state")).getText().contains("token has expired"));
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("Disconnected");
        assertThat(browser.findElement(By.id("state")).getText()).contains("sign in with a fresh token");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id;")).as("the token field")
                .isEqualTo("token");
    }

    /** A fresh page of the dashboard, signed in with {@code token} from the address (another fragment alone would not reload it). */
    private static void openDashboard(String token) {
        browser.get("about:blank");
        browser.get(stack.projector.url() + "/#token=" + token);
    }

    /** Sets the "Targets as of" field as a user would (a local date and time; empty for the targets now). */
    private static void targetsAsOf(String localDateTime) {
        ((JavascriptExecutor) browser).executeScript("const field = document.getElementById('targets-as-of'); field.value = arguments[0];"
                + " field.dispatchEvent(new Event('change'));", localDateTime);
    }

    private static List<BigDecimal> chart(String dataset) {
        @SuppressWarnings("unchecked")
        List<Object> data = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return dashboard.chart.data.datasets.find(d => d.label === arguments[0]).data;", dataset);
        return data.stream().map(value -> value == null ? null : new BigDecimal(value.toString())).toList();
    }

    private static List<BigDecimal> numbers(JsonNode view, String field) {
        List<BigDecimal> numbers = new ArrayList<>();
        view.get("periods").forEach(period -> numbers.add(period.get(field).isNull() ? null : period.get(field).decimalValue()));
        return numbers;
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(",", ""));
    }

    private static void screenshot(String name) throws IOException {
        Path file = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitActual(Http progress, String path, String actual) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Http.Answer answer = progress.get(path);
            return answer.status() == 200 && answer.body().at("/total/actual").decimalValue().compareTo(new BigDecimal(actual)) == 0;
        });
    }

    private static void won(String saleId, String day, String user, String amount) {
        TestTopics.produce(Topics.SALES, TENANT + "/" + saleId, ("{\"type\":\"SaleWon\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"wonDate\":\"%s\","
                + "\"userId\":\"%s\",\"groupId\":\"g-north\",\"amount\":%s}").formatted(TENANT, saleId, day, user, amount));
    }
}
