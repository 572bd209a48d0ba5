package io.salestargets.progress.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.TargetTypeAdded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each of version 1's {@link Reference.Deviation}s, shown on the smallest stream that has it: version 1 differs from the
 * contract's reference there, and agrees with the reference that follows it in that one deviation.
 */
class FirstVersionDeviationsTest {

    private static Input.Sale won(String saleId, Long revision, String amount) {
        return new Input.Sale("acme", saleId, new SaleWon("acme", saleId, revision, LocalDate.of(2026, 3, 14), "u-anna", "g-north",
                new BigDecimal(amount), BigDecimal.ZERO, null, Map.of(), null));
    }

    private static void deviates(List<Input> stream, Reference.Deviation deviation, String differingKey) {
        try (ProgressTopicDriver projector = ProgressTopicDriver.firstVersion()) {
            projector.sendAll(stream);
            ProgressTopic published = projector.progress();
            assertThat(ViewComparison.differences(Reference.of(stream), published, ViewComparison.Decimals.NUMERIC))
                    .as("version 1 against the contract").extracting(ViewComparison.Difference::key).contains(differingKey);
            assertThat(ViewComparison.differences(Reference.of(stream, EnumSet.of(deviation)), published, ViewComparison.Decimals.NUMERIC))
                    .as("version 1 against the contract with " + deviation).isEmpty();
        }
    }

    @Test
    void aTypeAddedAfterItsSalesHasNoViewOnTheTopic() {
        deviates(List.of(won("s-1", 1L, "100"), new Input.Publication(),
                        new Input.Target(new TargetTypeAdded(UUID.randomUUID(), "acme", InputStreams.TYPES.get(1),
                                Instant.parse("2026-03-15T08:00:00Z"), "u-admin"))),
                Reference.Deviation.VIEWS_OF_A_TYPE_ADDED_AFTER_ITS_SALES_UNPUBLISHED, "acme/2026/all-count/company/company");
    }

    @Test
    void aSaleWonOlderThanTheRetractionOfASaleNeverSeenCounts() {
        deviates(List.of(new Input.Sale("acme", "s-1", new SaleRetracted("acme", "s-1", 2L, null)), won("s-1", 1L, "100")),
                Reference.Deviation.REVISION_OF_A_RETRACTION_OF_AN_UNKNOWN_SALE_FORGOTTEN, "acme/2026/all-sales-amount/company/company");
    }
}
