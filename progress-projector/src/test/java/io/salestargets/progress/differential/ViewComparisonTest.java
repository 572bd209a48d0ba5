package io.salestargets.progress.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ViewComparisonTest {

    private static ProgressTopic topic(String key, String json, ProgressTopic.Attained... attained) {
        TreeMap<String, String> views = new TreeMap<>();
        if (json != null) {
            views.put(key, json);
        }
        return new ProgressTopic(views, List.of(attained));
    }

    @Test
    void aScaleDiffersExactlyButNotNumerically() {
        ProgressTopic expected = topic("acme/2026/all-sales-amount/company/company", "{\"total\":{\"actual\":1.5},\"periods\":[{\"actual\":0}]}");
        ProgressTopic actual = topic("acme/2026/all-sales-amount/company/company", "{\"total\":{\"actual\":1.50},\"periods\":[{\"actual\":0.00}]}");

        assertThat(ViewComparison.differences(expected, actual, ViewComparison.Decimals.NUMERIC)).isEmpty();
        assertThat(ViewComparison.differences(expected, actual, ViewComparison.Decimals.EXACT)).containsExactly(
                new ViewComparison.Difference("acme/2026/all-sales-amount/company/company", "periods[0].actual", "0", "0.00"),
                new ViewComparison.Difference("acme/2026/all-sales-amount/company/company", "total.actual", "1.5", "1.50"));
    }

    @Test
    void aMissingViewAndAnotherFigureAreNamed() {
        ProgressTopic expected = topic("acme/2026/all-sales-amount/user/u-anna", "{\"total\":{\"actual\":2,\"target\":null}}");

        assertThat(ViewComparison.differences(expected, topic("x", null), ViewComparison.Decimals.NUMERIC)).containsExactly(
                new ViewComparison.Difference("acme/2026/all-sales-amount/user/u-anna", "(record)",
                        "{\"total\":{\"actual\":2,\"target\":null}}", "none"));
        assertThat(ViewComparison.differences(expected, topic("acme/2026/all-sales-amount/user/u-anna",
                "{\"total\":{\"actual\":2,\"target\":1}}"), ViewComparison.Decimals.NUMERIC)).containsExactly(
                new ViewComparison.Difference("acme/2026/all-sales-amount/user/u-anna", "total.target", "null", "1"));
    }

    @Test
    void targetAttainedComparesByPublication() {
        ProgressTopic.Attained first = new ProgressTopic.Attained(1, "acme/2026/all-sales-amount/company/company#attained", "{\"actual\":5}");
        ProgressTopic.Attained second = new ProgressTopic.Attained(2, "acme/2026/all-sales-amount/company/company#attained", "{\"actual\":5}");

        assertThat(ViewComparison.differences(topic("k", null, first), topic("k", null, second), ViewComparison.Decimals.NUMERIC))
                .extracting(ViewComparison.Difference::key)
                .containsExactly("acme/2026/all-sales-amount/company/company#attained @1",
                        "acme/2026/all-sales-amount/company/company#attained @2");
    }
}
