package io.salestargets.localstack.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isSignedRs256WithTheDevKeyAndVerifiesWithThePublicKey() throws Exception {
        String[] parts = DevToken.builder().sign().split("\\.");

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(DevKeys.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(decode(parts[0]).get("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void defaultsToAFullRightsAdminOfTheDemoTenant() throws Exception {
        JsonNode claims = claims(DevToken.builder().issuedAt(Instant.parse("2026-11-26T10:00:00Z")).sign());

        assertThat(claims.get("iss").asText()).isEqualTo("sales-targets-dev");
        assertThat(claims.get("aud").asText()).isEqualTo(DevKeys.AUDIENCE);
        assertThat(claims.get("tid").asText()).isEqualTo("demo");
        assertThat(claims.get("sub").asText()).isEqualTo("u-admin");
        assertThat(claims.get("iat").asLong()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z").getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(Instant.parse("2026-11-26T22:00:00Z").getEpochSecond());
        assertThat(JSON.convertValue(claims.get("licenses"), String[].class))
                .containsExactly("sales-premium", "sales-targets-unlimited");
        assertThat(JSON.convertValue(claims.get("target_rights"), Map.class))
                .isEqualTo(Map.of("own", "delete", "group", "delete", "others", "delete", "company", "delete"));
        assertThat(JSON.convertValue(claims.get("functional_rights"), String[].class))
                .containsExactly("lock-targets", "targets-admin");
    }

    @Test
    void carriesTheContractsClaims() throws Exception {
        JsonNode claims = claims(DevToken.builder().tenant("acme").user("u-anna").groups("g-north", "g-south")
                .rights(Map.of("own", "update", "group", "read", "others", "none", "company", "read"))
                .licenses("sales-premium").functionalRights("lock-targets").lifetime(Duration.ofMinutes(5)).sign());

        assertThat(claims.get("tid").asText()).isEqualTo("acme");
        assertThat(claims.get("sub").asText()).isEqualTo("u-anna");
        assertThat(JSON.convertValue(claims.get("user_groups"), String[].class)).containsExactly("g-north", "g-south");
        assertThat(claims.get("target_rights").get("own").asText()).isEqualTo("update");
        assertThat(JSON.convertValue(claims.get("licenses"), String[].class)).containsExactly("sales-premium");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void refusesRightsTheContractDoesNotKnow() {
        assertThatThrownBy(() -> DevToken.builder().rights(Map.of("team", "read"))).hasMessageContaining("relation");
        assertThatThrownBy(() -> DevToken.builder().rights(Map.of("own", "write"))).hasMessageContaining("right");
    }

    private static JsonNode claims(String token) throws Exception {
        return decode(token.split("\\.")[1]);
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
