package io.salestargets.progress.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.target.Level;
import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void anOwnerKeyIsTenantYearLevelSegmentAndOwner() {
        assertThat(Keys.owner("acme", 2026, Level.USER, "u-anna")).isEqualTo("acme/2026/user/u-anna");
        assertThat(Keys.owner("acme", 2026, Level.GROUP, "g-north")).isEqualTo("acme/2026/group/g-north");
        assertThat(Keys.owner("acme", 2026, Level.COMPANY, Level.COMPANY_OWNER)).isEqualTo("acme/2026/company/company");
    }

    @Test
    void actualsKeysStartWithTheOwnerKeyAndHaveAnEmptyItemForAll() {
        assertThat(Keys.actuals("acme", 2026, Level.USER, "u-anna", "sale-type", "st-3"))
                .isEqualTo("acme/2026/user/u-anna|sale-type|st-3|");
        assertThat(Keys.actuals("acme", 2026, Level.USER, "u-anna", "all", null))
                .isEqualTo("acme/2026/user/u-anna|all||");
    }

    @Test
    void monthKeysPadTheMonthToTwoDigitsSoThatTheySortInOrder() {
        assertThat(Keys.actualsMonth("acme", 2026, Level.USER, "u-anna", "sale-type", "st-3", 3))
                .isEqualTo("acme/2026/user/u-anna|sale-type|st-3|2026-03");
        assertThat(Keys.actualsMonth("acme", 2026, Level.USER, "u-anna", "sale-type", "st-3", 12))
                .isEqualTo("acme/2026/user/u-anna|sale-type|st-3|2026-12");
        assertThat(Keys.actualsMonth("acme", 2026, Level.GROUP, "g-north", "all", null, 9))
                .startsWith(Keys.actuals("acme", 2026, Level.GROUP, "g-north", "all", null))
                .isLessThan(Keys.actualsMonth("acme", 2026, Level.GROUP, "g-north", "all", null, 10));
    }

    @Test
    void ownersWithSalesKeysNestItemThenOwner() {
        assertThat(Keys.ownersWithSales("acme", 2026, "sale-type")).isEqualTo("acme/2026|sale-type|");
        assertThat(Keys.ownersWithSales("acme", 2026, "sale-type", "st-3")).isEqualTo("acme/2026|sale-type|st-3|");
        assertThat(Keys.ownersWithSales("acme", 2026, "all", null)).isEqualTo("acme/2026|all||");
        assertThat(Keys.ownerWithSales("acme", 2026, "sale-type", "st-3", Level.USER, "u-anna"))
                .isEqualTo("acme/2026|sale-type|st-3|user/u-anna");
    }

    @Test
    void typesKey() {
        assertThat(Keys.types("acme")).isEqualTo("acme/types/");
    }

    @Test
    void aChangeIsKeyedByItsOwner() {
        ActualsChange change = new ActualsChange("acme", 2026, Level.GROUP, "g-north", null, null, java.util.List.of());

        assertThat(change.ownerKey()).isEqualTo("acme/2026/group/g-north");
    }
}
