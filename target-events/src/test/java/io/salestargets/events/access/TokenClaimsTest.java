package io.salestargets.events.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.access.TokenClaims.UnusableTokenException;
import io.salestargets.events.json.EventJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    /** The contract's example claims (section 2). */
    private static final String EXAMPLE = """
            {"iss":"sales-targets-dev","sub":"u-anna","tid":"acme","exp":1893456000,"user_groups":["g-north"],
             "licenses":["sales-premium","sales-targets-unlimited"],
             "target_rights":{"own":"update","group":"read","others":"none","company":"read"},
             "functional_rights":["lock-targets","targets-admin"]}""";

    @Test
    void readsTheContractsClaims() {
        Caller caller = TokenClaims.caller(token(EXAMPLE));

        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.userId()).isEqualTo("u-anna");
        assertThat(caller.groups()).containsExactly("g-north");
        assertThat(caller.licenses()).containsExactlyInAnyOrder("sales-premium", "sales-targets-unlimited");
        assertThat(caller.rights()).isEqualTo(Map.of(Relation.OWN, Right.UPDATE, Relation.GROUP, Right.READ,
                Relation.OTHERS, Right.NONE, Relation.COMPANY, Right.READ));
        assertThat(caller.functionalRights()).isEqualTo(Set.of("lock-targets", "targets-admin"));
    }

    @Test
    void missingListsAndRightsMeanNone() {
        Caller caller = TokenClaims.caller(token("{\"sub\":\"u-anna\",\"tid\":\"acme\"}"));

        assertThat(caller.groups()).isEmpty();
        assertThat(caller.licenses()).isEmpty();
        assertThat(caller.right(Relation.COMPANY)).isEqualTo(Right.NONE);
    }

    @Test
    void refusesTokensThatDoNotSayWhoTheCallerIs() {
        for (String claims : List.of("{\"sub\":\"u-anna\"}", "{\"tid\":\"acme\"}", "{\"sub\":\"u/anna\",\"tid\":\"acme\"}",
                "{\"sub\":\"u-anna\",\"tid\":42}", "{\"sub\":\"u-anna\",\"tid\":\"acme\",\"user_groups\":\"g-north\"}",
                "{\"sub\":\"u-anna\",\"tid\":\"acme\",\"target_rights\":{\"own\":\"write\"}}",
                "{\"sub\":\"u-anna\",\"tid\":\"acme\",\"target_rights\":[\"own\"]}", "[]", "\"acme\"")) {
            assertThatThrownBy(() -> TokenClaims.caller(token(claims))).as(claims).isInstanceOf(UnusableTokenException.class);
        }
        assertThatThrownBy(() -> TokenClaims.caller(null)).isInstanceOf(UnusableTokenException.class);
    }

    private static JsonNode token(String claims) {
        return EventJson.read(claims, JsonNode.class);
    }
}
