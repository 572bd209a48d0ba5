package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.Topics;
import io.salestargets.events.kafka.EventSerdes;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.sale.SaleRetracted;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.progress.differential.Input;
import io.salestargets.progress.differential.InputStreams;
import io.salestargets.progress.differential.ProgressTopic;
import io.salestargets.progress.differential.ProgressTopicDriver;
import io.salestargets.progress.differential.Reference;
import io.salestargets.progress.differential.ViewComparison;
import io.salestargets.progress.sales.SaleState;
import io.salestargets.progress.state.PartitionStates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * Rebuild equals incremental: at every publication of a generated stream ({@link InputStreams}), the tenant stage is
 * initialized again on its stores, as Kafka Streams does on a restore, a move or a revival: it rebuilds its memory from
 * the sale states and republishes every view, and what it republishes is exactly the compacted topic so far (no view
 * changes, none is missing, none extra); then the stream goes on. At the end the topic's views are the reference's,
 * exactly.
 */
class TenantStageRebuildPropertiesTest {

    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    private static final Serializer<ProgressRecord> RECORDS = EventSerdes.progressRecords().serializer();

    /** As many streams, as long, as the differential tests. */
    private static final int EXAMPLES = 200;
    private static final int MAX_STEPS = 30;

    private int rebuilds;

    @Test
    void aRebuiltTaskPublishesTheViewsOfTheTaskKeptUpToDate() {
        InputStreams.check("rebuildEqualsIncremental", EXAMPLES,
                MAX_STEPS, stream -> {
                    Run run = new Run();
                    for (Input input : stream.list()) {
                        if (input instanceof Input.Publication) {
                            run.publish();
                            TreeMap<String, String> incremental = new TreeMap<>(run.views);
                            TreeMap<String, String> republished = run.rebuild();
                            assertThat(republished).as("what the rebuilt task publishes, after %s", stream).isEqualTo(incremental);
                            rebuilds++;
                        } else {
                            run.send(input);
                        }
                    }
                    run.publish();
                    ViewComparison.assertSame("the stage rebuilt at each publication against the reference",
                            new ProgressTopic(Reference.of(stream.list()).views(), List.of()), new ProgressTopic(run.views, List.of()),
                            ViewComparison.Decimals.EXACT);
                });
        assertThat(rebuilds).as("rebuilds compared").isGreaterThan(EXAMPLES);
    }

    /** One tenant stage over in-memory stores, as one task holding every partition. */
    private static final class Run {
        final MockProcessorContext<String, ProgressRecord> context = new MockProcessorContext<>();
        final TenantStage stage;
        final TreeMap<String, String> views = new TreeMap<>();
        long punctuated;

        Run() {
            TenantStageStores.addTo(context);
            stage = new TenantStage(PUBLISH_INTERVAL, 1.0, ProgressTopicDriver.CLOCK, ProjectorMetrics.NONE, new PartitionStates());
            stage.init(context);
        }

        void send(Input input) {
            if (input instanceof Input.Sale sale) {
                SaleState state = sale.record() == null ? new SaleState(null, null)
                        : sale.record() instanceof SaleWon won ? new SaleState(won, won.revision())
                        : new SaleState(null, ((SaleRetracted) sale.record()).revision());
                stage.process(new Record<>(sale.key(), TenantInput.sale(state), 0));
            } else if (input instanceof Input.Target target) {
                stage.process(new Record<>(target.event().key(), TenantInput.target(target.event()), 0));
            }
        }

        /** A publication: the views it sends applied to {@link #views} as compaction would. */
        void publish() {
            apply(punctuate(), views);
        }

        /** The stage initialized again on its stores; returns what it republishes, as a topic of its own. */
        TreeMap<String, String> rebuild() {
            stage.init(context);
            List<MockProcessorContext.CapturedForward<? extends String, ? extends ProgressRecord>> republished = punctuate();
            TreeMap<String, String> alone = new TreeMap<>();
            apply(republished, alone);
            apply(republished, views);
            return alone;
        }

        /** A punctuation one publish interval after the last: the stage publishes on the interval's multiples. */
        private List<MockProcessorContext.CapturedForward<? extends String, ? extends ProgressRecord>> punctuate() {
            context.resetForwards();
            List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
            punctuated += PUBLISH_INTERVAL.toMillis();
            punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(punctuated);
            return List.copyOf(context.forwarded());
        }

        private static void apply(List<MockProcessorContext.CapturedForward<? extends String, ? extends ProgressRecord>> forwarded,
                TreeMap<String, String> topic) {
            for (MockProcessorContext.CapturedForward<? extends String, ? extends ProgressRecord> record : forwarded) {
                String key = record.record().key();
                if (key.endsWith("#attained")) {
                    continue;
                }
                ProgressRecord value = record.record().value();
                if (value == null) {
                    topic.remove(key);
                } else {
                    topic.put(key, new String(RECORDS.serialize(Topics.PROGRESS, value), StandardCharsets.UTF_8));
                }
            }
        }
    }
}
