package io.salestargets.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev-token command line, as deploy/local/dev-token passes it on. */
class LocalStackTest {

    @Test
    void readsTheOptionsOfDevToken() throws Exception {
        String token = LocalStack.token(LocalStack.options(new String[] {
                "--tenant", "acme", "--user", "u-anna", "--groups", "g-north,g-south",
                "--rights", "own=update,group=read", "--licenses", "sales-premium", "--functional", "", "--ttl", "30m"}));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertThat(claims.get("tid").asText()).isEqualTo("acme");
        assertThat(claims.get("user_groups")).hasSize(2);
        assertThat(new ObjectMapper().convertValue(claims.get("target_rights"), Map.class))
                .isEqualTo(Map.of("own", "update", "group", "read"));
        assertThat(claims.get("licenses")).hasSize(1);
        assertThat(claims.get("functional_rights")).isEmpty();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(1800);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LocalStack.token(LocalStack.options(new String[] {"--colour", "red"})))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> LocalStack.token(LocalStack.options(new String[] {"--ttl", "forever"})))
                .hasMessageContaining("--ttl");
        assertThatThrownBy(() -> LocalStack.options(new String[] {"acme"})).hasMessageContaining("unexpected");
    }
}
