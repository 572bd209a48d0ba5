package io.salestargets.events.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.ContractExamples;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowKeyTest {

    @Test
    void formatsEachLevelAsTheContractSays() {
        assertThat(new RowKey("acme", RowId.user(2026, "all-sales-amount", "u-anna", null)).format())
                .isEqualTo("acme/2026/all-sales-amount/user/u-anna");
        assertThat(new RowKey("acme", RowId.group(2026, "sale-type-count", "g-north", "st-3")).format())
                .isEqualTo("acme/2026/sale-type-count/group/g-north/st-3");
        assertThat(new RowKey("acme", RowId.company(2026, "all-sales-amount", null)).format())
                .isEqualTo("acme/2026/all-sales-amount/company/company");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "acme/2026/all-sales-amount/user/u-anna",
            "acme/2026/sale-type-count/group/g-north/st-3",
            "acme/2100/all-sales-amount/company/company",
            "t.1/2000/x/user/a:b_c.d-e/i:9"})
    void parsesWhatItFormats(String key) {
        assertThat(RowKey.parse(key).format()).isEqualTo(key);
    }

    @Test
    void parsesIntoTheRowsParts() {
        RowKey key = RowKey.parse("acme/2026/sale-type-count/user/u-anna/st-3");

        assertThat(key.tenantId()).isEqualTo("acme");
        assertThat(key.row()).isEqualTo(new RowId(2026, "sale-type-count", Level.USER, "u-anna", "st-3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "acme", "acme/2026/all-sales-amount/user", "acme/2026/all-sales-amount/user/u-anna/st-3/x",
            "acme/26/all-sales-amount/user/u-anna", "acme/1999/all-sales-amount/user/u-anna",
            "acme/2o26/all-sales-amount/user/u-anna", "acme/+026/all-sales-amount/user/u-anna", "acme/20260/all-sales-amount/user/u-anna",
            "acme/2026/All-Sales/user/u-anna", "acme/2026/all-sales-amount/team/u-anna",
            "acme/2026/all-sales-amount/company/u-anna", "acme/2026/all-sales-amount/user/",
            "ac me/2026/all-sales-amount/user/u-anna", "acme//2026/all-sales-amount/user/u-anna",
            "acme/types/sale-type-count"})
    void refusesMalformedKeys(String key) {
        assertThatThrownBy(() -> RowKey.parse(key)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed key: ")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("key"));
    }

    @Test
    void typeKeysFormatAndParse() {
        assertThat(new TypeKey("acme", "sale-type-count").format()).isEqualTo("acme/types/sale-type-count");
        assertThat(TypeKey.parse("acme/types/sale-type-count")).isEqualTo(new TypeKey("acme", "sale-type-count"));
        assertThatThrownBy(() -> TypeKey.parse("acme/2026/sale-type-count")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TypeKey.parse("acme/types/Sale_Type")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rowEventsAreKeyedByRowAndTypeEventsByType() {
        TargetEvent set = EventJson.read(ContractExamples.text("TargetSet.json"), TargetEvent.class);
        TargetEvent added = EventJson.read(ContractExamples.text("TargetTypeAdded.json"), TargetEvent.class);

        assertThat(set.key()).isEqualTo("acme/2026/all-sales-amount/user/u-anna");
        assertThat(added.key()).isEqualTo("acme/types/sale-type-count");
        assertThat(set.typeName()).isEqualTo("TargetSet");
    }
}
