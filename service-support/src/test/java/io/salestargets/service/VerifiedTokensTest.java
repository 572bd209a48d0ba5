package io.salestargets.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.salestargets.events.access.Caller;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified tokens in front of SmallRye JWT's real verifier, with tokens signed here (RS256, 2048-bit
 * keys): what is remembered, for how long, under which configuration. The services' {@code VerifiedTokensTest}
 * checks the same through their HTTP API.
 */
class VerifiedTokensTest {

    private static final String ISSUER = "https://login.example";
    private static final String AUDIENCE = "sales-targets";
    private static final KeyPair KEY = rsa();
    private static final KeyPair OTHER_KEY = rsa();

    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final VerifiedTokens tokens = new VerifiedTokens(10_000, metrics);
    private final JWTAuthContextInfo configuration = configuration(ISSUER, KEY, 60);

    @Test
    void aVerifiedTokenIsVerifiedOnceAndThenAnsweredFromTheCache() throws ParseException {
        String token = sign(KEY.getPrivate(), claims -> { });

        for (int request = 0; request < 5; request++) {
            assertThat(tokens.parse(token, configuration).getSubject()).isEqualTo("u-anna");
        }

        assertThat(verifications("accepted")).isEqualTo(1);
        assertThat(hits()).isEqualTo(4);
    }

    @Test
    void theCallerOfAVerifiedTokenIsReadFromItsClaimsOncePerPrincipal() throws ParseException {
        ClaimedCallers callers = new ClaimedCallers();
        String anna = sign(KEY.getPrivate(), claims -> { });
        String bo = sign(KEY.getPrivate(), claims -> claims.setSubject("u-bo"));

        Caller first = callers.of(tokens.parse(anna, configuration));
        Caller again = callers.of(tokens.parse(anna, configuration));
        Caller other = callers.of(tokens.parse(bo, configuration));

        assertThat(again).as("the same verified principal: the caller read once").isSameAs(first);
        assertThat(first.userId()).isEqualTo("u-anna");
        assertThat(first.tenantId()).isEqualTo("t-acme");
        assertThat(other.userId()).isEqualTo("u-bo");
        VerifiedTokens uncached = new VerifiedTokens(0, new SimpleMeterRegistry());
        Caller fresh = callers.of(uncached.parse(anna, configuration));
        assertThat(fresh).as("another verification of the token: read again, to the same caller").isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aRefusedTokenIsVerifiedAgainEachTime() {
        String expired = sign(KEY.getPrivate(), claims -> claims.setExpirationTime(NumericDate.fromSeconds(Instant.now()
                .minus(Duration.ofHours(1)).getEpochSecond())));

        for (int request = 0; request < 3; request++) {
            assertThatThrownBy(() -> tokens.parse(expired, configuration)).isInstanceOf(ParseException.class);
        }

        assertThat(verifications("refused")).isEqualTo(3);
        assertThat(hits()).isZero();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTamperedCopyOrAForeignSignatureIsRefusedAfterTheGoodTokenWasCached() throws ParseException {
        String token = sign(KEY.getPrivate(), claims -> { });
        tokens.parse(token, configuration);
        // the payload of the good token, signed with another key; and the good token with one signature byte changed
        String foreign = sign(OTHER_KEY.getPrivate(), claims -> { });
        String signature = token.substring(token.lastIndexOf('.') + 1);
        char flipped = signature.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + signature.substring(0, 10) + flipped + signature.substring(11);

        assertThatThrownBy(() -> tokens.parse(foreign, configuration)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(tampered, configuration)).isInstanceOf(ParseException.class);
        assertThat(tokens.parse(token, configuration).getSubject()).isEqualTo("u-anna");
        assertThat(verifications("refused")).isEqualTo(2);
    }

    @Test
    void aTokenVerifiedUnderOneConfigurationIsVerifiedAgainUnderAnother() throws ParseException {
        String token = sign(KEY.getPrivate(), claims -> { });
        tokens.parse(token, configuration);

        // same token, another issuer or another key: what SmallRye would refuse, the cache does not accept
        assertThatThrownBy(() -> tokens.parse(token, configuration("https://other.example", KEY, 60))).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(token, configuration(ISSUER, OTHER_KEY, 60))).isInstanceOf(ParseException.class);
        JWTAuthContextInfo otherAudience = configuration(ISSUER, KEY, 60);
        otherAudience.setExpectedAudience(Set.of("another-service"));
        assertThatThrownBy(() -> tokens.parse(token, otherAudience)).isInstanceOf(ParseException.class);
        // an equal configuration in another instance is the same configuration
        tokens.parse(token, configuration(ISSUER, KEY, 60));

        assertThat(verifications("refused")).isEqualTo(3);
        assertThat(hits()).isEqualTo(1);
        assertThat(VerifiedTokens.fingerprintOf(configuration(ISSUER, KEY, 60)))
                .isEqualTo(VerifiedTokens.fingerprintOf(configuration))
                .isNotEqualTo(VerifiedTokens.fingerprintOf(configuration(ISSUER, KEY, 0)));
    }

    @Test
    void aCachedTokenIsNotAcceptedPastItsExpiry() throws Exception {
        JWTAuthContextInfo withoutSkew = configuration(ISSUER, KEY, 0);
        Instant expiry = Instant.now().plusSeconds(2);
        String token = sign(KEY.getPrivate(), claims -> claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond())));
        tokens.parse(token, withoutSkew);
        tokens.parse(token, withoutSkew);
        assertThat(hits()).isEqualTo(1);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), Instant.ofEpochSecond(expiry.getEpochSecond())).toMillis()) + 50);

        assertThatThrownBy(() -> tokens.parse(token, withoutSkew)).isInstanceOf(ParseException.class);
        assertThat(hits()).isEqualTo(1);
    }

    @Test
    void pastItsExpiryATokenIsLeftToTheVerifiersClockSkewAndNotCachedAgain() throws Exception {
        Instant expiry = Instant.now().plusSeconds(1);
        String token = sign(KEY.getPrivate(), claims -> claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond())));
        tokens.parse(token, configuration);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), Instant.ofEpochSecond(expiry.getEpochSecond())).toMillis()) + 50);

        // within the 60 s of skew the verifier accepts it, each time, as it would without the cache
        tokens.parse(token, configuration);
        tokens.parse(token, configuration);

        assertThat(verifications("accepted")).isEqualTo(3);
        assertThat(hits()).isZero();
    }

    @Test
    void aTokenNotYetValidIsNotCachedWhileTheSkewLetsItThrough() throws ParseException {
        // nbf 30 s ahead: accepted within the 60 s of skew, but never remembered before it is valid
        String early = sign(KEY.getPrivate(), claims -> claims.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(30).getEpochSecond())));

        tokens.parse(early, configuration);
        tokens.parse(early, configuration);

        assertThat(verifications("accepted")).isEqualTo(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theCacheHoldsAtMostItsMaximumOfEntries() throws ParseException {
        VerifiedTokens three = new VerifiedTokens(3, metrics);
        for (int user = 0; user < 50; user++) {
            String subject = "u-" + user;
            three.parse(sign(KEY.getPrivate(), claims -> claims.setSubject(subject)), configuration);
            assertThat(three.size()).isLessThanOrEqualTo(3);
        }

        VerifiedTokens none = new VerifiedTokens(0, new SimpleMeterRegistry());
        String token = sign(KEY.getPrivate(), claims -> { });
        none.parse(token, configuration);
        none.parse(token, configuration);
        assertThat(none.size()).isZero();
    }

    private long verifications(String outcome) {
        return (long) metrics.counter("token.verifications", "outcome", outcome).count();
    }

    private long hits() {
        return (long) metrics.counter("token.cache.hits").count();
    }

    private static JWTAuthContextInfo configuration(String issuer, KeyPair key, int clockSkewSeconds) {
        JWTAuthContextInfo configuration = new JWTAuthContextInfo(key.getPublic(), issuer);
        configuration.setExpectedAudience(Set.of(AUDIENCE));
        configuration.setClockSkew(clockSkewSeconds);
        // as the services: smallrye.jwt.time-to-live=0, iat optional
        configuration.setMaxTimeToLiveSecs(0L);
        return configuration;
    }

    private static String sign(PrivateKey key, Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("u-anna");
        claims.setClaim("tid", "t-acme");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plus(Duration.ofHours(1)).getEpochSecond()));
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
