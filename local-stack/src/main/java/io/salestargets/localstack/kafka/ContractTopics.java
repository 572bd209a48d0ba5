package io.salestargets.localstack.kafka;

import io.salestargets.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The contract's four topics, with explicit partitions and cleanup policies, and the idempotent
 * step that creates them. Replication follows the broker's default (1 on the local broker).
 */
public final class ContractTopics {

    /** One topic as the project declares it. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public String cleanupPolicy() {
            return configs.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        }
    }

    private static final String THIRTY_DAYS_MS = Long.toString(30L * 24 * 60 * 60 * 1000);
    /** The largest record batch {@code crm.sales} takes: the broker's default, declared so that it is known. */
    public static final int SALES_MAX_MESSAGE_BYTES = 1048588;
    /**
     * The largest record batch {@code crm.sales.dlq} takes: a dead letter is a sale record as received plus
     * its {@code error} and {@code source.*} headers, so 64 KiB more than {@code crm.sales}. The projector's
     * producer sends up to as much ({@code max.request.size}).
     */
    public static final int DEAD_LETTERS_MAX_MESSAGE_BYTES = SALES_MAX_MESSAGE_BYTES + 64 * 1024;

    public static final List<TopicSpec> ALL = List.of(
            // the log of target events is, with the event store, the source of truth: never deleted
            new TopicSpec(Topics.TARGET_EVENTS, 6, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.RETENTION_BYTES_CONFIG, "-1")),
            // the latest record of each sale is what counts
            new TopicSpec(Topics.SALES, 6, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SALES_MAX_MESSAGE_BYTES))),
            // kept a month, time to fix and replay what could not be read
            new TopicSpec(Topics.SALES_DLQ, 1, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTERS_MAX_MESSAGE_BYTES))),
            new TopicSpec(Topics.PROGRESS, 6, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));

    private ContractTopics() {
    }

    /**
     * Creates the topics that are missing and checks the ones that exist. Returns one line per topic
     * saying what it did, e.g. {@code created crm.sales (6, compact)} or {@code crm.sales present (6, compact)}. A topic whose cleanup policy differs from the declared one is an error
     * (compacting {@code targets.events} would lose history); a different partition count is
     * reported but accepted, since operators may have added partitions on purpose. A
     * {@code max.message.bytes} below the declared one (a topic created before it was declared) is raised
     * to it: the dead-letter topic must take every dead letter the projector sends.
     */
    public static List<String> ensure(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<String> report = new ArrayList<>();
            List<TopicSpec> missing = ALL.stream().filter(spec -> !existing.contains(spec.name())).toList();
            // a topic the listing did not show yet (just created by another launcher or test JVM) exists after all:
            // it is checked like the others, never taken as created
            List<TopicSpec> existedAfterAll = create(admin, missing);
            missing.stream().filter(spec -> !existedAfterAll.contains(spec)).forEach(spec -> report.add("created " + describe(spec)));
            List<TopicSpec> present = ALL.stream()
                    .filter(spec -> existing.contains(spec.name()) || existedAfterAll.contains(spec)).toList();
            report.addAll(check(admin, present));
            return report;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the topics: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics", e);
        }
    }

    /** Creates the topics; returns those that existed already (created meanwhile by another launcher or test JVM). */
    private static List<TopicSpec> create(Admin admin, List<TopicSpec> specs) throws ExecutionException, InterruptedException {
        if (specs.isEmpty()) {
            return List.of();
        }
        Collection<NewTopic> topics = specs.stream()
                .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(spec.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> created = admin.createTopics(topics).values();
        List<TopicSpec> existed = new ArrayList<>();
        for (TopicSpec spec : specs) {
            try {
                created.get(spec.name()).get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existed.add(spec);
            }
        }
        return existed;
    }

    private static List<String> check(Admin admin, List<TopicSpec> specs) throws ExecutionException, InterruptedException {
        if (specs.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(specs.stream().map(TopicSpec::name).toList())
                .allTopicNames().get();
        List<ConfigResource> resources = specs.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        List<String> report = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (TopicSpec spec : specs) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!spec.cleanupPolicy().equals(policy)) {
                errors.add(spec.name() + " has cleanup.policy=" + policy + ", the contract says " + spec.cleanupPolicy());
            }
            report.add(spec.name() + " present (" + partitions + ", " + policy + ")"
                    + (partitions == spec.partitions() ? "" : " although declared with " + spec.partitions() + " partitions"));
            String declaredMax = spec.configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            String max = configs.get(topic).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
            if (declaredMax != null && Integer.parseInt(max) < Integer.parseInt(declaredMax)) {
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, declaredMax), AlterConfigOp.OpType.SET)))).all().get();
                report.add(spec.name() + ": max.message.bytes raised from " + max + " to " + declaredMax);
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(String.join("; ", errors)
                    + ". Fix the topic with kafka-configs, or delete it so that it is created again.");
        }
        return report;
    }

    private static String describe(TopicSpec spec) {
        return spec.name() + " (" + spec.partitions() + ", " + spec.cleanupPolicy() + ")";
    }
}
