package io.salestargets.localstack.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each attack token is what its name says, and spoils only that. */
class TokenAttacksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DevToken.Builder ACME_BOSS = DevToken.builder().tenant("acme").user("u-boss");

    private static Map<String, String> tokens;
    private static long built;

    @BeforeAll
    static void attack() {
        built = Instant.now().getEpochSecond();
        tokens = TokenAttacks.against(ACME_BOSS).stream()
                .collect(Collectors.toMap(TokenAttacks.Attack::name, TokenAttacks.Attack::token));
    }

    @Test
    void everyAttackHasItsOwnNameAndToken() {
        List<TokenAttacks.Attack> attacks = TokenAttacks.all();

        assertThat(attacks).extracting(TokenAttacks.Attack::name).doesNotHaveDuplicates().hasSize(24);
        assertThat(attacks).extracting(TokenAttacks.Attack::token).doesNotHaveDuplicates();
        assertThat(TokenAttacks.named(TokenAttacks.EXPIRED, ACME_BOSS).name()).isEqualTo(TokenAttacks.EXPIRED);
        assertThatThrownBy(() -> TokenAttacks.named("nonsense", ACME_BOSS)).hasMessageContaining("nonsense");
    }

    @Test
    void algNoneIsUnsignedWithTheValidClaims() throws Exception {
        String token = tokens.get(TokenAttacks.ALG_NONE);

        assertThat(token).endsWith(".");
        assertThat(token.split("\\.", -1)).hasSize(3);
        assertThat(header(token).get("alg").asText()).isEqualTo("none");
        assertValidClaims(claims(token));
    }

    @Test
    void hs256IsKeyedWithThePublicKeyAndDoesNotVerifyAsRs256() throws Exception {
        for (Map.Entry<String, byte[]> secret : Map.of(
                TokenAttacks.HS256_PUBLIC_KEY_DER, DevKeys.publicKey().getEncoded(),
                TokenAttacks.HS256_PUBLIC_KEY_PEM, DevKeys.publicKeyPem().getBytes(StandardCharsets.US_ASCII)).entrySet()) {
            String token = tokens.get(secret.getKey());
            String[] parts = token.split("\\.");
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getValue(), "HmacSHA256"));

            assertThat(header(token).get("alg").asText()).isEqualTo("HS256");
            assertThat(Base64.getUrlDecoder().decode(parts[2]))
                    .isEqualTo(hmac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
            assertThat(verifies(token, DevKeys.publicKey())).isFalse();
            assertValidClaims(claims(token));
        }
    }

    @Test
    void aForeignKeySignsRs256ThatTheDevKeyDoesNotVerify() throws Exception {
        for (String name : List.of(TokenAttacks.FOREIGN_KEY, TokenAttacks.EMBEDDED_JWK)) {
            String token = tokens.get(name);

            assertThat(header(token).get("alg").asText()).isEqualTo("RS256");
            assertThat(verifies(token, TokenAttacks.foreignKey().getPublic())).isTrue();
            assertThat(verifies(token, DevKeys.publicKey())).isFalse();
            assertValidClaims(claims(token));
        }
        assertThat(TokenAttacks.foreignKey().getPublic()).isNotEqualTo(DevKeys.publicKey());
    }

    @Test
    void theEmbeddedJwkIsTheForeignPublicKey() throws Exception {
        JsonNode jwk = header(tokens.get(TokenAttacks.EMBEDDED_JWK)).get("jwk");
        PublicKey embedded = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asText()))));

        assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
        assertThat(embedded).isEqualTo(TokenAttacks.foreignKey().getPublic());
    }

    @Test
    void claimAttacksAreSignedWithTheDevKeyAndSpoilOnlyTheirClaim() throws Exception {
        long now = Instant.now().getEpochSecond();
        long skew = TokenAttacks.BEYOND_SKEW.toSeconds();
        for (String name : List.of(TokenAttacks.WRONG_ISSUER, TokenAttacks.WRONG_AUDIENCE, TokenAttacks.MISSING_AUDIENCE,
                TokenAttacks.EXPIRED, TokenAttacks.NOT_YET_VALID, TokenAttacks.MISSING_EXP, TokenAttacks.MISSING_TID, TokenAttacks.MISSING_SUB, TokenAttacks.MALFORMED_TID, TokenAttacks.MALFORMED_SUB,
                TokenAttacks.OVERSIZED, TokenAttacks.ALTERED_SIGNATURE)) {
            String token = tokens.get(name);
            assertThat(header(token).get("alg").asText()).as(name).isEqualTo("RS256");
            assertThat(verifies(token, DevKeys.publicKey())).as(name).isEqualTo(!name.equals(TokenAttacks.ALTERED_SIGNATURE));
        }

        assertThat(claims(tokens.get(TokenAttacks.WRONG_ISSUER)).get("iss").asText()).isNotEqualTo(DevKeys.ISSUER);
        assertThat(claims(tokens.get(TokenAttacks.WRONG_AUDIENCE)).get("aud").asText()).isNotEqualTo(DevKeys.AUDIENCE);
        assertThat(claims(tokens.get(TokenAttacks.WRONG_AUDIENCE)).get("iss").asText()).isEqualTo(DevKeys.ISSUER);
        assertThat(claims(tokens.get(TokenAttacks.MISSING_AUDIENCE)).has("aud")).isFalse();
        assertThat(claims(tokens.get(TokenAttacks.EXPIRED)).get("exp").asLong()).isLessThanOrEqualTo(now - skew);
        JsonNode early = claims(tokens.get(TokenAttacks.NOT_YET_VALID));
        assertThat(early.get("nbf").asLong()).isGreaterThanOrEqualTo(built + skew);
        assertThat(early.get("iat").asLong()).isGreaterThanOrEqualTo(built + skew);
        assertThat(early.get("exp").asLong()).isGreaterThan(early.get("nbf").asLong());
        assertThat(claims(tokens.get(TokenAttacks.MISSING_EXP)).has("exp")).isFalse();
        assertThat(claims(tokens.get(TokenAttacks.MISSING_TID)).has("tid")).isFalse();
        assertThat(claims(tokens.get(TokenAttacks.MISSING_TID)).get("sub").asText()).isEqualTo("u-boss");
        assertThat(claims(tokens.get(TokenAttacks.MISSING_SUB)).has("sub")).isFalse();
        assertThat(claims(tokens.get(TokenAttacks.MISSING_SUB)).get("tid").asText()).isEqualTo("acme");
        assertThat(claims(tokens.get(TokenAttacks.MALFORMED_TID)).get("tid").asText()).startsWith("acme/").contains("/");
        assertThat(claims(tokens.get(TokenAttacks.MALFORMED_SUB)).get("sub").asText()).startsWith("u-boss/");
        for (String name : List.of(TokenAttacks.WRONG_ISSUER, TokenAttacks.EXPIRED, TokenAttacks.MISSING_EXP, TokenAttacks.OVERSIZED)) {
            assertThat(claims(tokens.get(name)).get("tid").asText()).as(name).isEqualTo("acme");
            assertThat(claims(tokens.get(name)).get("licenses")).as(name).hasSize(2);
        }
    }

    @Test
    void theOversizedTokenExceedsAnyHeaderLimitAndTheLargeOneStaysWithinTheServices() throws Exception {
        String oversized = tokens.get(TokenAttacks.OVERSIZED);
        String large = tokens.get(TokenAttacks.LARGE_FOREIGN);

        assertThat(claims(oversized).get("padding").asText()).hasSize(64 * 1024);
        assertThat(oversized.length()).isGreaterThan(64 * 1024);
        assertThat(large.length()).isBetween(8 * 1024, 20 * 1024 - 100);
        assertThat(verifies(large, DevKeys.publicKey())).isFalse();
        assertThat(verifies(large, TokenAttacks.foreignKey().getPublic())).isTrue();
    }

    @Test
    void malformedTokensAreMalformedInTheirOneWay() throws Exception {
        String valid = ACME_BOSS.sign();
        String[] validParts = valid.split("\\.");

        assertThat(tokens.get(TokenAttacks.EMPTY)).isEmpty();
        assertThat(tokens.get(TokenAttacks.NOT_THREE_PARTS).split("\\.", -1)).hasSize(2);
        assertThat(tokens.get(TokenAttacks.FOUR_PARTS).split("\\.", -1)).hasSize(4);

        String badBase64 = tokens.get(TokenAttacks.BAD_BASE64).split("\\.")[0];
        assertThat(badBase64).startsWith("*");
        assertThatThrownBy(() -> Base64.getUrlDecoder().decode(badBase64)).isInstanceOf(IllegalArgumentException.class);

        String headerNotJson = tokens.get(TokenAttacks.HEADER_NOT_JSON);
        assertThat(text(headerNotJson.split("\\.")[0])).startsWith("{\"alg\":\"RS256\"");
        assertThatThrownBy(() -> header(headerNotJson)).isInstanceOf(Exception.class);
        assertThat(verifies(headerNotJson, DevKeys.publicKey())).isTrue();
        assertValidClaims(claims(headerNotJson));

        String claimsNotJson = tokens.get(TokenAttacks.CLAIMS_NOT_JSON);
        assertThat(text(claimsNotJson.split("\\.")[1])).startsWith("tid=acme");
        assertThatThrownBy(() -> claims(claimsNotJson)).isInstanceOf(Exception.class);
        assertThat(verifies(claimsNotJson, DevKeys.publicKey())).isTrue();
        assertThat(header(claimsNotJson).get("alg").asText()).isEqualTo("RS256");

        assertThat(validParts).hasSize(3);
    }

    @Test
    void theAlteredSignatureDiffersInItsLastCharacterAndInItsBytes() {
        String valid = ACME_BOSS.sign();
        String altered = TokenAttacks.alterLastCharacter(valid);
        String[] validParts = valid.split("\\.");
        String[] alteredParts = altered.split("\\.");

        assertThat(altered).hasSameSizeAs(valid);
        assertThat(altered.substring(0, altered.length() - 1)).isEqualTo(valid.substring(0, valid.length() - 1));
        assertThat(altered.charAt(altered.length() - 1)).isNotEqualTo(valid.charAt(valid.length() - 1));
        // a lenient decoder ignores the unused low bits of the last character: the bytes must differ
        assertThat(Arrays.equals(Base64.getUrlDecoder().decode(alteredParts[2]), Base64.getUrlDecoder().decode(validParts[2]))).isFalse();
        assertThat(verifies(altered, DevKeys.publicKey())).isFalse();
        assertThat(verifies(tokens.get(TokenAttacks.ALTERED_SIGNATURE), DevKeys.publicKey())).isFalse();
    }

    private static void assertValidClaims(JsonNode claims) {
        assertThat(claims.get("iss").asText()).isEqualTo(DevKeys.ISSUER);
        assertThat(claims.get("tid").asText()).isEqualTo("acme");
        assertThat(claims.get("sub").asText()).isEqualTo("u-boss");
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(claims.get("licenses")).hasSize(2);
    }

    private static boolean verifies(String token, PublicKey key) {
        int signatureAt = token.lastIndexOf('.');
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(token.substring(0, signatureAt).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(Base64.getUrlDecoder().decode(token.substring(signatureAt + 1)));
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode header(String token) throws Exception {
        return part(token, 0);
    }

    private static JsonNode claims(String token) throws Exception {
        return part(token, 1);
    }

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static String text(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
