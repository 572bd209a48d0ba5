package io.salestargets.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.salestargets.localstack.token.DevToken;
import io.salestargets.localstack.token.TokenAttacks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cache of verified tokens ({@code service-support}'s {@code VerifiedTokens}), seen as a client and an operator see
 * it: the answers of {@code /api} and the counters of {@code /q/metrics}. Its own application (the profile): a cache of
 * {@value #MAX_ENTRIES} entries, to see the bound, and a clock skew of {@value #SKEW_SECONDS} s instead of 60, to see
 * a token's {@code exp} pass within a test (SmallRye JWT takes a skew of 0 for its default, 60 s). The bound's test runs last: in a full cache, Caffeine admits a new token only once it is
 * seen more often than the one it would evict (a token used once does not push out one in use), which would make the
 * counts of the other tests depend on their order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@QuarkusTest
@TestProfile(VerifiedTokensTest.SmallCacheWithoutSkew.class)
@WithTestResource(ProjectorInfrastructure.class)
class VerifiedTokensTest {

    static final int MAX_ENTRIES = 5;
    static final int SKEW_SECONDS = 2;

    public static class SmallCacheWithoutSkew implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("token-cache.max-entries", Integer.toString(MAX_ENTRIES), "mp.jwt.verify.clock.skew", Integer.toString(SKEW_SECONDS));
        }
    }

    private static final String TYPES = "/api/v1/progress/types";

    private final DevToken.Builder caller = DevToken.builder().tenant("t-" + UUID.randomUUID().toString().substring(0, 8)).user("u-boss");

    @BeforeEach
    void ready() {
        TestTenant.awaitReady();
    }

    @Test
    void aTokenIsVerifiedOnceAndItsLaterRequestsAreAnsweredFromTheCache() {
        String token = caller.sign();
        double verified = metric("token_verifications_total{outcome=\"accepted\"}");
        double hits = metric("token_cache_hits_total");

        for (int request = 0; request < 10; request++) {
            read(token).then().statusCode(200);
        }

        assertThat(metric("token_verifications_total{outcome=\"accepted\"}") - verified).isEqualTo(1);
        assertThat(metric("token_cache_hits_total") - hits).isEqualTo(9);
    }

    @Test
    void aCachedTokenLeavesTheCacheAtItsExpAndIsRefusedOnceTheSkewHasPassed() throws InterruptedException {
        String token = caller.lifetime(Duration.ofSeconds(3)).sign();
        read(token).then().statusCode(200);
        double hits = metric("token_cache_hits_total");
        read(token).then().statusCode(200);
        assertThat(metric("token_cache_hits_total") - hits).as("answered from the cache").isEqualTo(1);

        // past exp, within the skew: the verifier accepts it again, as it would without the cache, but the cache does not
        Instant exp = Instant.ofEpochSecond(expiry(token));
        sleepUntil(exp.plusMillis(100));
        hits = metric("token_cache_hits_total");
        double verified = metric("token_verifications_total{outcome=\"accepted\"}");
        read(token).then().statusCode(200);
        assertThat(metric("token_cache_hits_total") - hits).as("not from the cache past exp").isZero();
        assertThat(metric("token_verifications_total{outcome=\"accepted\"}") - verified).isEqualTo(1);

        sleepUntil(exp.plusSeconds(SKEW_SECONDS).plusMillis(100));
        refused(read(token));
        refused(read(token));
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), instant).toMillis()));
    }

    @Test
    void anotherKeysSignatureOrATamperedCopyIsRefusedAfterTheGoodTokenWasCached() {
        String token = caller.sign();
        read(token).then().statusCode(200);
        read(token).then().statusCode(200);
        double refusals = metric("token_verifications_total{outcome=\"refused\"}");

        // the same claims signed with another RSA key; the token with one signature byte changed (in its middle)
        refused(read(TokenAttacks.named(TokenAttacks.FOREIGN_KEY, caller).token()));
        int middle = token.lastIndexOf('.') + 100;
        String tampered = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        refused(read(tampered));
        refused(read(TokenAttacks.alterLastCharacter(token)));

        assertThat(metric("token_verifications_total{outcome=\"refused\"}") - refusals).isEqualTo(3);
        read(token).then().statusCode(200);
    }

    @Test
    void aRefusedTokenIsVerifiedAgainEachTime() {
        String foreign = TokenAttacks.named(TokenAttacks.FOREIGN_KEY, caller).token();
        double refusals = metric("token_verifications_total{outcome=\"refused\"}");
        double hits = metric("token_cache_hits_total");

        for (int request = 0; request < 5; request++) {
            refused(read(foreign));
        }

        assertThat(metric("token_verifications_total{outcome=\"refused\"}") - refusals).isEqualTo(5);
        assertThat(metric("token_cache_hits_total") - hits).isZero();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theCacheHoldsAtMostItsMaximumOfTokens() {
        for (int user = 0; user < 4 * MAX_ENTRIES; user++) {
            read(DevToken.builder().tenant("t-bound").user("u-" + user).sign()).then().statusCode(200);
            assertThat(metric("token_cache_entries")).isLessThanOrEqualTo(MAX_ENTRIES);
        }
    }

    private static io.restassured.response.Response read(String token) {
        return given().auth().oauth2(token).get(TYPES);
    }

    private static void refused(io.restassured.response.Response response) {
        response.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthenticated"));
    }

    private static long expiry(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
        assertThat(exp.find()).as("exp in " + payload).isTrue();
        return Long.parseLong(exp.group(1));
    }

    /** A sample of the Prometheus scrape, as an operator reads it (0 before the first increment). */
    private static double metric(String sample) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }
}
