package io.salestargets.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {

    @Test
    void aServiceWithoutIssuerOrAudienceRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> TokenPolicy.require(config(Map.of("mp.jwt.verify.audiences", "sales-targets"))))
                .hasMessageContaining("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) is not set")
                .hasMessageNotContaining("audiences");
        assertThatThrownBy(() -> TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", "https://login.example"))))
                .hasMessageContaining("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) is not set");
        assertThatThrownBy(() -> TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", " ", "mp.jwt.verify.audiences", ""))))
                .hasMessageContaining("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) and mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) are not set");
    }

    @Test
    void issuerAndAudienceSetIsAValidPolicy() {
        assertThatCode(() -> TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", "https://login.example",
                "mp.jwt.verify.audiences", "sales-targets")))).doesNotThrowAnyException();
    }

    @Test
    void theLocalStacksAnyAudienceStillRequiresTheIssuer() {
        // the contract's tokens carry no aud: deploy/local/start and docker compose accept any audience, never any issuer
        assertThat(TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", "sales-targets-dev",
                "token-policy.any-audience", "true")))).isTrue();
        assertThatThrownBy(() -> TokenPolicy.require(config(Map.of("token-policy.any-audience", "true"))))
                .hasMessageContaining("mp.jwt.verify.issuer (MP_JWT_VERIFY_ISSUER) is not set")
                .hasMessageNotContaining("audiences");
        assertThatThrownBy(() -> TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", "sales-targets-dev",
                "token-policy.any-audience", "false"))))
                .hasMessageContaining("mp.jwt.verify.audiences (MP_JWT_VERIFY_AUDIENCES) is not set");
        // an audience that is set is checked, whatever any-audience says
        assertThat(TokenPolicy.require(config(Map.of("mp.jwt.verify.issuer", "sales-targets-dev",
                "mp.jwt.verify.audiences", "sales-targets", "token-policy.any-audience", "true")))).isFalse();
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(new HashMap<>(values)).build();
    }
}
