package io.salestargets.progress.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.progress.state.PartitionStates;
import io.salestargets.progress.topology.ProgressTopology;
import io.salestargets.progress.topology.ProjectorMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The tenant stage's topology (issue 15) against the reference and against version 1, on the same generated streams:
 * every view on {@code targets.progress} is the reference's exactly (as text: decimal places included), and every
 * {@code TargetAttained} comes with the same publication; on every stream where version 1 does not depart from the
 * contract ({@link Reference.Deviation}), the new version's topic is version 1's, figures compared as numbers
 * (version 1's decimal places depend on what was added and taken back before).
 */
class NewVersionAgreesTest {

    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    private int streams;
    private int againstVersionOne;
    private int views;

    static ProgressTopicDriver newVersion() {
        return new ProgressTopicDriver(new ProgressTopology(PUBLISH_INTERVAL, 1.0, ProgressTopicDriver.CLOCK, ProjectorMetrics.NONE,
                new PartitionStates()).build(), PUBLISH_INTERVAL);
    }

    @Test
    void everyViewIsTheReferencesExactlyAndVersionOnesAsNumbers() {
        InputStreams.check("newVersionAgrees", FirstVersionAgreesWithReferenceTest.EXAMPLES, FirstVersionAgreesWithReferenceTest.MAX_STEPS,
                stream -> {
                    ProgressTopic published;
                    try (ProgressTopicDriver projector = newVersion()) {
                        projector.sendAll(stream.list());
                        published = projector.progress();
                    }
                    ProgressTopic reference = Reference.of(stream.list());
                    ViewComparison.assertSame("the new version against the reference", reference, published,
                            ViewComparison.Decimals.EXACT);
                    streams++;
                    views += published.views().size();
                    if (Reference.of(stream.list(), Reference.FIRST_VERSION).equals(reference)) {
                        try (ProgressTopicDriver firstVersion = ProgressTopicDriver.firstVersion()) {
                            firstVersion.sendAll(stream.list());
                            ViewComparison.assertSame("the new version against version 1", firstVersion.progress(), published,
                                    ViewComparison.Decimals.NUMERIC);
                        }
                        againstVersionOne++;
                    }
                });
        System.out.println("newVersionAgrees: " + streams + " streams, " + views + " views, " + againstVersionOne
                + " streams also against version 1");
        assertThat(againstVersionOne).as("streams where version 1 keeps to the contract").isGreaterThan(streams / 2);
    }
}
