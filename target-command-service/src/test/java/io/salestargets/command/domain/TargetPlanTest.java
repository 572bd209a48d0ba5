package io.salestargets.command.domain;

import static io.salestargets.command.domain.AccessTest.assertRefused;
import static io.salestargets.command.domain.AccessTest.caller;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.salestargets.command.domain.CommandRefused.Reason;
import io.salestargets.events.access.Caller;
import io.salestargets.events.targets.Interval;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetPlanTest {

    private final Caller premiumOnly = caller(Map.of(), Set.of(), Set.of());
    private final Caller unlimited = caller(Map.of(), Set.of(Caller.SALES_TARGETS_UNLIMITED), Set.of());

    @Test
    void allRowsOfAYearAndTypeShareOneInterval() {
        TargetPlan monthly = new TargetPlan(Interval.MONTH, Set.of("g-north"));

        assertThatCode(() -> monthly.checkInterval(Interval.MONTH)).doesNotThrowAnyException();
        assertRefused(() -> monthly.checkInterval(Interval.QUARTER), Reason.INTERVAL_MISMATCH);
        assertThatCode(() -> TargetPlan.empty().checkInterval(Interval.QUARTER)).as("the first row chooses").doesNotThrowAnyException();
    }

    @Test
    void withoutUnlimitedTargetsGoToOneGroupOnly() {
        TargetPlan north = new TargetPlan(Interval.MONTH, Set.of("g-north"));

        assertThatCode(() -> north.checkGroupLimit(premiumOnly, "g-north")).doesNotThrowAnyException();
        assertRefused(() -> north.checkGroupLimit(premiumOnly, "g-south"), Reason.LICENSE_REQUIRED);
        assertThatCode(() -> north.checkGroupLimit(premiumOnly, null)).as("the company row").doesNotThrowAnyException();
        assertThatCode(() -> TargetPlan.empty().checkGroupLimit(premiumOnly, "g-south")).doesNotThrowAnyException();
    }

    @Test
    void unlimitedGivesTargetsToAnyNumberOfGroups() {
        TargetPlan two = new TargetPlan(Interval.MONTH, Set.of("g-north", "g-south"));

        assertThatCode(() -> two.checkGroupLimit(unlimited, "g-west")).doesNotThrowAnyException();
        assertRefused(() -> two.checkGroupLimit(premiumOnly, "g-north"), Reason.LICENSE_REQUIRED);
    }
}
