package io.salestargets.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.localkafka.KafkaDistribution;
import io.salestargets.localstack.kafka.ContractTopics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s cannot be applied on a machine without a cluster, so it is read instead: every manifest
 * must pass the schema of its kind (KubernetesSchemas), and agree with the project: the contract's
 * topics as ContractTopics declares them, the Kafka version of the clients, the ports and health paths
 * that the services serve, and the settings that they read.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("..", "deploy", "k8s");
    private static final Map<String, String> MODULE_OF_WORKLOAD = Map.of(
            "Deployment/target-command-service", "target-command-service",
            "StatefulSet/progress-projector", "progress-projector");

    /** One YAML document of one file of deploy/k8s. */
    record Manifest(String file, int index, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        String name() {
            return (String) metadata().get("name");
        }

        Map<String, Object> metadata() {
            return map(content.get("metadata"));
        }

        Map<String, Object> spec() {
            return map(content.get("spec"));
        }

        Map<String, Object> labels() {
            return map(metadata().getOrDefault("labels", Map.of()));
        }

        @Override
        public String toString() {
            return file + "#" + index + " " + kind() + "/" + name();
        }
    }

    @Test
    void everyManifestPassesTheSchemaOfItsKind() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests()) {
            KubernetesSchemas.problems(manifest.content()).forEach(problem -> problems.add(manifest + ": " + problem));
        }

        assertThat(problems).isEmpty();
        assertThat(manifests()).extracting(Manifest::kind)
                .contains("Kafka", "KafkaNodePool", "KafkaTopic", "Deployment", "StatefulSet", "Service", "PodDisruptionBudget");
    }

    /** The check above is only worth something if it fails: what the API server would refuse, it refuses. */
    @Test
    void theSchemaCheckRefusesWhatKubernetesWouldRefuse() throws IOException {
        Manifest deployment = the("Deployment", "target-command-service");
        assertRefused(deployment, spec -> spec.put("replica", spec.remove("replicas")), "replica");
        assertRefused(deployment, spec -> spec.put("replicas", "two"), "replicas");
        assertRefused(deployment, spec -> container(spec).remove("name"), "name");
        assertRefused(deployment, spec -> map(container(spec).get("securityContext")).put("readOnlyRootFilesystem", "yes"),
                "readOnlyRootFilesystem");
        assertRefused(deployment, spec -> map(container(spec).get("livenessProbe")).put("httpGett", Map.of("path", "/")), "httpGett");

        Manifest topic = the("KafkaTopic", "targets.events");
        assertRefused(topic, spec -> spec.put("partition", spec.remove("partitions")), "partition");
        assertRefused(topic, spec -> spec.put("partitions", "six"), "partitions");
        assertRefused(topic, spec -> spec.put("partitions", 0), "partitions");

        Manifest brokers = the("KafkaNodePool", "brokers");
        assertRefused(brokers, spec -> spec.remove("roles"), "roles");
        assertRefused(brokers, spec -> spec.put("roles", List.of("leader")), "roles");

        Manifest kafka = the("Kafka", "sales-targets");
        assertRefused(kafka, spec -> map(list(map(spec.get("kafka")).get("listeners")).get(0)).remove("tls"), "tls");
        assertRefused(kafka, spec -> map(spec.get("kafka")).put("replicas", 3), "replicas");
    }

    @Test
    void declaresEachContractTopicWithThePartitionsAndConfigsOfContractTopics() throws IOException {
        Map<String, Manifest> topics = all("KafkaTopic").stream().collect(Collectors.toMap(KubernetesManifestsTest::topicName, topic -> topic));
        Map<String, Object> brokerConfig = map(map(kafka().spec().get("kafka")).get("config"));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(ContractTopics.ALL.stream().map(ContractTopics.TopicSpec::name).toList());
        // every disagreement at once
        SoftAssertions softly = new SoftAssertions();
        for (ContractTopics.TopicSpec contract : ContractTopics.ALL) {
            Manifest topic = topics.get(contract.name());
            Map<String, Object> config = map(topic.spec().getOrDefault("config", Map.of()));
            softly.assertThat(topic.spec().get("partitions")).as(topic + " partitions").isEqualTo(contract.partitions());
            contract.configs().forEach((name, value) -> softly.assertThat(String.valueOf(config.get(name))).as(topic + " " + name).isEqualTo(value));
            softly.assertThat(topic.labels()).as(topic + " cluster").containsEntry("strimzi.io/cluster", kafka().name());
            softly.assertThat(topic.spec().get("replicas")).as(topic + " replicas").isEqualTo(brokerConfig.get("default.replication.factor"));
            softly.assertThat(config.get("min.insync.replicas")).as(topic + " min.insync.replicas").isEqualTo(brokerConfig.get("min.insync.replicas"));
        }
        softly.assertAll();
    }

    @Test
    void runsAKRaftClusterOfThreeBrokersOnTheClientsKafkaVersion() throws IOException {
        Map<String, Object> kafka = map(kafka().spec().get("kafka"));
        Map<String, Object> config = map(kafka.get("config"));
        List<Manifest> pools = all("KafkaNodePool");

        assertThat(kafka.get("version")).isEqualTo(KafkaDistribution.kafkaVersion());
        assertThat(pools).allSatisfy(pool -> assertThat(pool.labels()).containsEntry("strimzi.io/cluster", kafka().name()));
        assertThat(replicasWithRole(pools, "broker")).isEqualTo(3);
        assertThat(replicasWithRole(pools, "controller")).isEqualTo(3);
        assertThat(config).containsEntry("auto.create.topics.enable", false)
                .containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2)
                .containsEntry("offsets.topic.replication.factor", 3)
                .containsEntry("transaction.state.log.replication.factor", 3)
                .containsEntry("transaction.state.log.min.isr", 2);
        assertThat(map(kafka().spec().get("entityOperator"))).containsKey("topicOperator");
    }

    @Test
    void bothServicesReachKafkaThroughTheBootstrapServiceOfThePlainListener() throws IOException {
        Map<String, Object> plain = list(map(kafka().spec().get("kafka")).get("listeners")).stream().map(KubernetesManifestsTest::map)
                .filter(listener -> "internal".equals(listener.get("type")) && Boolean.FALSE.equals(listener.get("tls")))
                .findFirst().orElseThrow(() -> new AssertionError("the Kafka cluster has no internal listener without TLS"));
        String bootstrap = kafka().name() + "-kafka-bootstrap:" + plain.get("port");

        for (Manifest workload : workloads()) {
            assertThat(env(workload)).as(workload.toString()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            // the listener's network policy lets these pods in
            assertThat(list(plain.get("networkPolicyPeers"))).as(workload.toString())
                    .anySatisfy(peer -> assertThat(selects(map(map(peer).get("podSelector")).get("matchLabels"), workload)).isTrue());
        }
    }

    @Test
    void probesAndPortsAreTheOnesTheServicesServe() throws IOException {
        for (Manifest workload : workloads()) {
            String module = MODULE_OF_WORKLOAD.get(workload.kind() + "/" + workload.name());
            Properties properties = applicationProperties(module);
            int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
            Map<String, Object> container = container(workload.spec());
            Map<String, Object> http = list(container.get("ports")).stream().map(KubernetesManifestsTest::map)
                    .filter(candidate -> "http".equals(candidate.get("name"))).findFirst().orElseThrow();

            assertThat(http.get("containerPort")).as(workload + " port").isEqualTo(port);
            assertThat(Files.readString(Path.of("..", module, "src", "main", "docker", "Dockerfile.jvm"))).contains("EXPOSE " + port);
            // SmallRye Health's default paths under Quarkus's default /q: the services' HealthTests call them
            assertThat(properties.stringPropertyNames()).as(module + " moves no health endpoint")
                    .noneMatch(name -> name.startsWith("quarkus.smallrye-health.") && name.endsWith("path")
                            || name.equals("quarkus.http.non-application-root-path") || name.equals("quarkus.http.root-path"));
            assertThat(probe(container, "startupProbe")).as(workload + " startup").containsEntry("path", "/q/health/started");
            assertThat(probe(container, "livenessProbe")).as(workload + " liveness").containsEntry("path", "/q/health/live");
            assertThat(probe(container, "readinessProbe")).as(workload + " readiness").containsEntry("path", "/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(probe(container, probe).get("port")).as(workload + " " + probe).isIn("http", port);
            }

            List<Manifest> services = all("Service").stream().filter(service -> selects(service.spec().get("selector"), workload)).toList();
            assertThat(services).as(workload + " services").isNotEmpty().allSatisfy(service -> assertThat(list(service.spec().get("ports")))
                    .containsExactly(Map.of("name", "http", "port", port, "targetPort", "http", "protocol", "TCP")));
            assertThat(all("PodDisruptionBudget")).as(workload + " disruption budget")
                    .anySatisfy(budget -> assertThat(selects(map(budget.spec().get("selector")).get("matchLabels"), workload)).isTrue());
        }
    }

    @Test
    void theProjectorKeepsItsStateOnItsVolumeWithStandbysAndAStableAddress() throws IOException {
        Manifest projector = the("StatefulSet", "progress-projector");
        Map<String, String> env = env(projector);
        Manifest headless = the("Service", (String) projector.spec().get("serviceName"));
        List<Map<String, Object>> claims = list(projector.spec().get("volumeClaimTemplates")).stream().map(KubernetesManifestsTest::map).toList();
        String stateVolume = list(container(projector.spec()).get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                .filter(mount -> env.getOrDefault("KAFKA_STREAMS_STATE_DIR", "").startsWith(mount.get("mountPath") + "/"))
                .map(mount -> (String) mount.get("name")).findFirst().orElseThrow(() -> new AssertionError("the state directory is on no volume"));
        int port = Integer.parseInt(applicationProperties("progress-projector").getProperty("quarkus.http.port"));

        assertThat(claims).extracting(claim -> map(claim.get("metadata")).get("name")).contains(stateVolume);
        assertThat(env).containsKey("KAFKA_STREAMS_NUM_STANDBY_REPLICAS");
        assertThat(Integer.parseInt(env.get("KAFKA_STREAMS_NUM_STANDBY_REPLICAS"))).isBetween(1, (Integer) projector.spec().get("replicas") - 1);
        assertThat(headless.spec()).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
        assertThat(selects(headless.spec().get("selector"), projector)).isTrue();
        assertThat(env).containsEntry("PROJECTOR_INSTANCE_ID", "$(POD_NAME)")
                .containsEntry("PROJECTOR_ADVERTISED_ADDRESS", "$(POD_NAME)." + headless.name() + ".$(POD_NAMESPACE).svc:" + port);
        assertThat(fieldRefs(projector)).containsEntry("POD_NAME", "metadata.name").containsEntry("POD_NAMESPACE", "metadata.namespace");
    }

    /** Bulk planning's last-year split asks the projector for last year's actuals, through its Service. */
    @Test
    void theCommandServiceReachesTheProjectorThroughItsService() throws IOException {
        Manifest projector = the("StatefulSet", "progress-projector");
        Manifest service = all("Service").stream()
                .filter(candidate -> selects(candidate.spec().get("selector"), projector) && !"None".equals(candidate.spec().get("clusterIP")))
                .findFirst().orElseThrow(() -> new AssertionError("the projector has no Service with a cluster address"));
        int port = Integer.parseInt(applicationProperties("progress-projector").getProperty("quarkus.http.port"));

        assertThat(applicationProperties("target-command-service").stringPropertyNames()).contains("projector.url");
        assertThat(env(the("Deployment", "target-command-service")))
                .containsEntry("PROJECTOR_URL", "http://" + service.name() + ":" + port);
    }

    /**
     * Kafka Streams takes every kafka-streams.* property, but an environment variable reaches one only
     * when application.properties declares it: SmallRye Config reads an undeclared KAFKA_STREAMS_X_Y
     * as kafka.streams.x.y, which Kafka Streams never sees.
     */
    @Test
    void everyKafkaStreamsVariableSetsAPropertyTheProjectorDeclares() throws IOException {
        Set<String> declared = applicationProperties("progress-projector").stringPropertyNames();

        assertThat(env(the("StatefulSet", "progress-projector")).keySet().stream().filter(name -> name.startsWith("KAFKA_STREAMS_")))
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(declared)
                        .contains("kafka-streams." + variable.substring("KAFKA_STREAMS_".length()).toLowerCase().replace('_', '.')));
    }

    @Test
    void everySecretAndConfigMapKeyThePodsReadIsDeclared() throws IOException {
        for (Manifest workload : workloads()) {
            Map<String, Object> pod = podSpec(workload);
            for (Map<String, Object> variable : variables(workload)) {
                Map<String, Object> from = map(variable.getOrDefault("valueFrom", Map.of()));
                if (from.containsKey("secretKeyRef")) {
                    assertThat(keys("Secret", map(from.get("secretKeyRef")))).as(workload + " " + variable.get("name")).isTrue();
                }
                if (from.containsKey("configMapKeyRef")) {
                    assertThat(keys("ConfigMap", map(from.get("configMapKeyRef")))).as(workload + " " + variable.get("name")).isTrue();
                }
            }
            Map<String, Object> jwt = list(pod.get("volumes")).stream().map(KubernetesManifestsTest::map)
                    .filter(volume -> volume.containsKey("configMap")).findFirst().orElseThrow();
            Map<String, Object> item = map(list(map(jwt.get("configMap")).get("items")).get(0));
            String mountPath = list(container(workload.spec()).get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                    .filter(mount -> jwt.get("name").equals(mount.get("name"))).map(mount -> (String) mount.get("mountPath")).findFirst().orElseThrow();

            assertThat(keys("ConfigMap", Map.of("name", map(jwt.get("configMap")).get("name"), "key", item.get("key")))).isTrue();
            assertThat(env(workload)).containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", mountPath + "/" + item.get("path"));
        }
    }

    @Test
    void bothServicesAreGivenTheTokenIssuerAndAudienceWithoutWhichTheyRefuseToStart() throws IOException {
        for (Manifest workload : workloads()) {
            for (String name : List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES")) {
                Map<String, Object> variable = variables(workload).stream().filter(candidate -> name.equals(candidate.get("name")))
                        .findFirst().orElseThrow(() -> new AssertionError(workload + " does not set " + name));
                Map<String, Object> from = map(map(variable.get("valueFrom")).get("configMapKeyRef"));
                assertThat(from).as(workload + " " + name).containsEntry("name", "sales-targets-jwt");
                assertThat(keys("ConfigMap", from)).as(workload + " " + name).isTrue();
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFileSystemWithBoundedMemory() throws IOException {
        for (Manifest workload : workloads()) {
            Map<String, Object> pod = podSpec(workload);
            Map<String, Object> container = container(workload.spec());
            Map<String, Object> security = map(container.get("securityContext"));
            Map<String, Object> resources = map(container.get("resources"));

            assertThat(map(pod.get("securityContext"))).as(workload.toString()).containsEntry("runAsNonRoot", true);
            assertThat(security).as(workload.toString()).containsEntry("allowPrivilegeEscalation", false)
                    .containsEntry("readOnlyRootFilesystem", true).containsEntry("capabilities", Map.of("drop", List.of("ALL")));
            assertThat(map(resources.get("limits")).get("memory")).as(workload.toString()).isEqualTo(map(resources.get("requests")).get("memory"));
            // with a read-only root, /tmp (JVM, Vert.x, RocksDB's native library) needs a volume of its own
            String tmp = list(container.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                    .filter(mount -> "/tmp".equals(mount.get("mountPath"))).map(mount -> (String) mount.get("name")).findFirst().orElseThrow();
            assertThat(list(pod.get("volumes"))).as(workload.toString()).anySatisfy(volume -> assertThat(map(volume))
                    .containsEntry("name", tmp).containsKey("emptyDir"));
        }
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheExampleSecretAndNamesEveryImage() throws IOException {
        Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml")).get(0);
        Set<String> images = workloads().stream().map(workload -> (String) container(workload.spec()).get("image"))
                .map(image -> image.substring(0, image.lastIndexOf(':'))).collect(Collectors.toCollection(TreeSet::new));

        assertThat(kustomization).containsEntry("apiVersion", "kustomize.config.k8s.io/v1beta1").containsEntry("kind", "Kustomization")
                .containsEntry("namespace", the("Namespace", "sales-targets").name());
        assertThat(list(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(
                manifestFiles().stream().map(file -> file.getFileName().toString()).filter(name -> !name.endsWith(".example.yaml")).toList());
        assertThat(list(kustomization.get("images")).stream().map(image -> map(image).get("name"))).containsExactlyInAnyOrderElementsOf(images);
        assertThat(images).allSatisfy(image -> assertThat(image).startsWith("sales-targets/"));
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static void assertRefused(Manifest manifest, Consumer<Map<String, Object>> breakSpec, String field) {
        Map<String, Object> broken = (Map<String, Object>) copy(manifest.content());
        breakSpec.accept(map(broken.get("spec")));

        assertThat(KubernetesSchemas.problems(broken)).as(manifest + " with a broken " + field).isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains(field));
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new HashMap<>();
            map.forEach((key, entry) -> copy.put((String) key, copy(entry)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(KubernetesManifestsTest::copy).toList());
        }
        return value;
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(file -> file.toString().endsWith(".yaml") && !file.endsWith("kustomization.yaml")).sorted().toList();
        }
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : manifestFiles()) {
            List<Map<String, Object>> documents = yaml(file);
            for (int i = 0; i < documents.size(); i++) {
                manifests.add(new Manifest(file.getFileName().toString(), i, documents.get(i)));
            }
        }
        return manifests;
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            new Yaml().loadAll(reader).forEach(document -> {
                if (document != null) {
                    documents.add(map(document));
                }
            });
            return documents;
        }
    }

    private static List<Manifest> all(String kind) throws IOException {
        return manifests().stream().filter(manifest -> kind.equals(manifest.kind())).toList();
    }

    private static Manifest the(String kind, String name) throws IOException {
        return all(kind).stream().filter(manifest -> name.equals(manifest.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/k8s"));
    }

    private static Manifest kafka() throws IOException {
        List<Manifest> clusters = all("Kafka");
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }

    private static List<Manifest> workloads() throws IOException {
        List<Manifest> workloads = manifests().stream().filter(manifest -> MODULE_OF_WORKLOAD.containsKey(manifest.kind() + "/" + manifest.name())).toList();
        assertThat(workloads).hasSize(MODULE_OF_WORKLOAD.size());
        return workloads;
    }

    private static String topicName(Manifest topic) {
        return (String) topic.spec().getOrDefault("topicName", topic.name());
    }

    private static int replicasWithRole(List<Manifest> pools, String role) {
        return pools.stream().filter(pool -> list(pool.spec().get("roles")).contains(role)).mapToInt(pool -> (Integer) pool.spec().get("replicas")).sum();
    }

    private static Map<String, Object> podSpec(Manifest workload) {
        return map(map(workload.spec().get("template")).get("spec"));
    }

    private static Map<String, Object> podLabels(Manifest workload) {
        return map(map(map(workload.spec().get("template")).get("metadata")).get("labels"));
    }

    private static Map<String, Object> container(Map<String, Object> workloadSpec) {
        List<Object> containers = list(map(map(workloadSpec.get("template")).get("spec")).get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static List<Map<String, Object>> variables(Manifest workload) {
        return list(container(workload.spec()).get("env")).stream().map(KubernetesManifestsTest::map).toList();
    }

    /** The plain values of the container's environment variables. */
    private static Map<String, String> env(Manifest workload) {
        Map<String, String> env = new HashMap<>();
        variables(workload).stream().filter(variable -> variable.containsKey("value"))
                .forEach(variable -> env.put((String) variable.get("name"), String.valueOf(variable.get("value"))));
        return env;
    }

    private static Map<String, String> fieldRefs(Manifest workload) {
        Map<String, String> refs = new HashMap<>();
        variables(workload).stream().filter(variable -> map(variable.getOrDefault("valueFrom", Map.of())).containsKey("fieldRef"))
                .forEach(variable -> refs.put((String) variable.get("name"),
                        (String) map(map(variable.get("valueFrom")).get("fieldRef")).get("fieldPath")));
        return refs;
    }

    private static Map<String, Object> probe(Map<String, Object> container, String probe) {
        return map(map(Objects.requireNonNull(container.get(probe), probe)).get("httpGet"));
    }

    /** Whether a selector (label to value) picks the workload's pods. */
    private static boolean selects(Object selector, Manifest workload) {
        return selector != null && podLabels(workload).entrySet().containsAll(map(selector).entrySet());
    }

    /** Whether a Secret or ConfigMap of deploy/k8s (the example Secret included) has the key that a reference names. */
    private static boolean keys(String kind, Map<String, Object> reference) throws IOException {
        Manifest holder = the(kind, (String) reference.get("name"));
        return Stream.of("data", "stringData").map(field -> map(holder.content().getOrDefault(field, Map.of())))
                .anyMatch(data -> data.containsKey(reference.get("key")));
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", module, "src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
