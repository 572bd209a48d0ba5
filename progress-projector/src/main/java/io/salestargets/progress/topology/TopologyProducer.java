package io.salestargets.progress.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import io.salestargets.progress.state.PartitionStates;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the topology to Quarkus, which runs it with the {@code kafka-streams.*} settings. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    public Topology topology(@ConfigProperty(name = "progress.publish-interval") Duration publishInterval,
            @ConfigProperty(name = "progress.publish-share") double publishShare,
            @ConfigProperty(name = "kafka-streams.producer.max.request.size") int maxRequestSize,
            @ConfigProperty(name = "progress.tenant-partitions") int tenantPartitions, PartitionStates states,
            MeterRegistry registry) {
        return new ProgressTopology(publishInterval, publishShare, Clock.systemUTC(), metrics(registry), states)
                .deadLettersUpTo(maxRequestSize).tenantPartitions(tenantPartitions).build();
    }

    /** The tenant stage's partitions on this instance, shared by the topology and the query side. */
    @Produces
    @Singleton
    public PartitionStates partitionStates() {
        return new PartitionStates();
    }

    private static ProjectorMetrics metrics(MeterRegistry registry) {
        Counter applied = registry.counter("projector.sales.applied");
        Counter stale = registry.counter("projector.sales.stale");
        Counter deadLetters = registry.counter("projector.sales.dead.letters");
        Counter deadLettersDropped = registry.counter("projector.sales.dead.letters.dropped");
        Counter unreadable = registry.counter("projector.target.events.unreadable");
        Counter published = registry.counter("projector.views.published");
        Counter attained = registry.counter("projector.targets.attained");
        Timer publications = Timer.builder("projector.publications")
                .description("The stream thread's CPU time per publication of the views that changed (it spaces the next "
                        + "publications so that publishing takes at most progress.publish-share of the time)")
                .register(registry);
        Timer lag = Timer.builder("projector.sales.lag")
                .description("From a sale record's timestamp on crm.sales to its change of the actuals; "
                        + "its views are published within progress.publish-interval after")
                .publishPercentiles(0.5, 0.99).register(registry);
        return new ProjectorMetrics() {
            @Override
            public void saleApplied() {
                applied.increment();
            }

            @Override
            public void staleSaleIgnored() {
                stale.increment();
            }

            @Override
            public void deadLetter() {
                deadLetters.increment();
            }

            @Override
            public void deadLetterDropped() {
                deadLettersDropped.increment();
            }

            @Override
            public void unreadableTargetEvent() {
                unreadable.increment();
            }

            @Override
            public void saleReachedActuals(long lagMillis) {
                lag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
            }

            @Override
            public void viewsPublished(int count, long cpuNanos) {
                published.increment(count);
                publications.record(cpuNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void targetAttained() {
                attained.increment();
            }
        };
    }
}
