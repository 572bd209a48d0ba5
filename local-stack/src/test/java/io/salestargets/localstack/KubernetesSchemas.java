package io.salestargets.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.annotations.SerializedName;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks a Kubernetes manifest as the API server would, without one: every field known to the schema
 * of its kind (kubectl's default strict field validation refuses unknown ones), of the declared type,
 * and every required field present. Each problem comes with its path, e.g. {@code /spec/replica}.
 *
 * <ul>
 *   <li>Kubernetes' own kinds: the models of the official Java client ({@code io.kubernetes:client-java-api}),
 *       generated from the Kubernetes OpenAPI document: each model lists its fields
 *       ({@code openapiFields}) and required fields ({@code openapiRequiredFields}), and each field has
 *       its type.</li>
 *   <li>Strimzi's kinds: the {@code openAPIV3Schema} of Strimzi's CRDs ({@code io.strimzi:api} test-jar,
 *       {@code crds/v1/}), as JSON Schema. The API server drops or refuses fields that a structural schema
 *       does not declare, which JSON Schema allows: every object schema that lists its properties gets
 *       {@code additionalProperties: false}, except where the CRD keeps unknown fields
 *       ({@code x-kubernetes-preserve-unknown-fields}, e.g. a topic's {@code config}).</li>
 * </ul>
 *
 * Not evaluated: the CEL rules of CRDs ({@code x-kubernetes-validations}), the API server's own
 * validation beyond the schema (e.g. name formats), and the operators' checks.
 */
final class KubernetesSchemas {

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    /** Kubernetes kinds, by {@code apiVersion/kind}, with the client's model of each. */
    private static final Map<String, String> BUILT_IN = Map.of(
            "v1/Namespace", "V1Namespace",
            "v1/ServiceAccount", "V1ServiceAccount",
            "v1/ConfigMap", "V1ConfigMap",
            "v1/Secret", "V1Secret",
            "v1/Service", "V1Service",
            "apps/v1/Deployment", "V1Deployment",
            "apps/v1/StatefulSet", "V1StatefulSet",
            "policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget",
            "networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy");

    /** Strimzi kinds, by {@code apiVersion/kind}, with the CRD that defines each. */
    private static final Map<String, String> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", "crds/v1/040-Crd-kafka.yaml",
            "kafka.strimzi.io/v1/KafkaTopic", "crds/v1/043-Crd-kafkatopic.yaml",
            "kafka.strimzi.io/v1/KafkaNodePool", "crds/v1/045-Crd-kafkanodepool.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> CRD_SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<String, Field>> FIELDS = new ConcurrentHashMap<>();

    private KubernetesSchemas() {
    }

    /** What Kubernetes would refuse in one manifest (one YAML document, as SnakeYAML reads it); empty when nothing. */
    static List<String> problems(Map<String, Object> manifest) {
        String type = manifest.get("apiVersion") + "/" + manifest.get("kind");
        List<String> problems = new ArrayList<>();
        if (BUILT_IN.containsKey(type)) {
            check(manifest, model(MODELS + BUILT_IN.get(type)), "", problems);
        } else if (STRIMZI.containsKey(type)) {
            crdSchema(STRIMZI.get(type), manifest).validate(toJson(manifest), InputFormat.JSON)
                    .forEach(error -> problems.add(error.getInstanceLocation() + ": " + error.getMessage()));
            // the CRD leaves metadata to the API server, which checks it as any object's
            check(manifest.get("metadata"), V1ObjectMeta.class, "/metadata", problems);
        } else {
            problems.add("no schema for " + type + " (a kind new to deploy/k8s: add it to KubernetesSchemas)");
        }
        return problems;
    }

    // --- Kubernetes' kinds: the client's models --------------------------------------------------------

    private static void check(Object value, Type type, String path, List<String> problems) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
        String at = path.isEmpty() ? "/" : path;
        if (value == null) {
            return; // null is the field left out
        }
        if (raw == String.class || raw == OffsetDateTime.class || raw == byte[].class) {
            expect(value instanceof String, value, "a string", at, problems);
        } else if (raw == Integer.class || raw == Long.class) {
            expect(isWholeNumber(value), value, "an integer", at, problems);
        } else if (raw == Double.class || raw == Float.class) {
            expect(value instanceof Number, value, "a number", at, problems);
        } else if (raw == Boolean.class) {
            expect(value instanceof Boolean, value, "true or false", at, problems);
        } else if (raw == IntOrString.class) {
            expect(value instanceof String || isWholeNumber(value), value, "an integer or a string", at, problems);
        } else if (raw == Quantity.class) {
            checkQuantity(value, at, problems);
        } else if (raw == Object.class) {
            // free-form (e.g. the JSON of a CRD's own schema): anything goes
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(value instanceof List, value, "a list", at, problems)) {
                List<?> items = (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), typeArgument(type, 0), path + "/" + i, problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(value instanceof Map, value, "a map", at, problems)) {
                ((Map<?, ?>) value).forEach((key, entry) -> check(entry, typeArgument(type, 1), path + "/" + key, problems));
            }
        } else if (raw.getName().startsWith(MODELS)) {
            checkObject(value, raw, path, problems);
        } else {
            throw new IllegalStateException("no check for values of " + type + " (at " + at + ")");
        }
    }

    private static void checkObject(Object value, Class<?> model, String path, List<String> problems) {
        if (!expect(value instanceof Map, value, "an object (" + model.getSimpleName() + ")", path.isEmpty() ? "/" : path, problems)) {
            return;
        }
        Map<?, ?> object = (Map<?, ?>) value;
        Map<String, Field> fields = fields(model);
        staticSet(model, "openapiRequiredFields").stream().filter(required -> object.get(required) == null)
                .forEach(required -> problems.add(path + "/" + required + ": required (" + model.getSimpleName() + ")"));
        object.forEach((key, entry) -> {
            Field field = fields.get(String.valueOf(key));
            if (field == null) {
                problems.add(path + "/" + key + ": no such field in " + model.getSimpleName());
            } else {
                check(entry, field.getGenericType(), path + "/" + key, problems);
            }
        });
    }

    private static void checkQuantity(Object value, String at, List<String> problems) {
        if (expect(value instanceof String || value instanceof Number, value, "a quantity", at, problems)) {
            try {
                Quantity.fromString(value.toString());
            } catch (RuntimeException e) {
                problems.add(at + ": " + value + " is not a quantity (" + e.getMessage() + ")");
            }
        }
    }

    private static boolean expect(boolean holds, Object value, String what, String at, List<String> problems) {
        if (!holds) {
            problems.add(at + ": " + describe(value) + " is not " + what);
        }
        return holds;
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : value instanceof Map ? "an object" : value instanceof List ? "a list" : String.valueOf(value);
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /** The model's fields by their JSON names; only those of its openapiFields (a model may keep helpers). */
    private static Map<String, Field> fields(Class<?> model) {
        return FIELDS.computeIfAbsent(model, type -> {
            Set<String> known = staticSet(type, "openapiFields");
            Map<String, Field> fields = new LinkedHashMap<>();
            for (Field field : type.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && known.contains(name.value())) {
                    fields.put(name.value(), field);
                }
            }
            if (!fields.keySet().equals(known)) {
                throw new IllegalStateException(type.getSimpleName() + " declares " + known + " but has fields for " + fields.keySet());
            }
            return fields;
        });
    }

    @SuppressWarnings("unchecked")
    private static Set<String> staticSet(Class<?> model, String name) {
        try {
            return (Set<String>) model.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model.getSimpleName() + " has no " + name, e);
        }
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static Class<?> model(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no model " + name + " in the Kubernetes client", e);
        }
    }

    // --- Strimzi's kinds: the CRDs' schemas ---------------------------------------------------------------

    private static Schema crdSchema(String resource, Map<String, Object> manifest) {
        return CRD_SCHEMAS.computeIfAbsent(resource, name -> {
            Map<String, Object> spec = map(loadCrd(name).get("spec"));
            String group = (String) spec.get("group");
            String version = manifest.get("apiVersion").toString().substring(group.length() + 1);
            if (!map(spec.get("names")).get("kind").equals(manifest.get("kind"))) {
                throw new IllegalStateException(name + " does not define " + manifest.get("kind"));
            }
            Map<String, Object> schema = list(spec.get("versions")).stream().map(KubernetesSchemas::map)
                    .filter(served -> version.equals(served.get("name")) && Boolean.TRUE.equals(served.get("served")))
                    .map(served -> map(map(served.get("schema")).get("openAPIV3Schema")))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + " serves no version " + version));
            return SCHEMAS.getSchema(toJson(closed(schema)), InputFormat.JSON);
        });
    }

    /**
     * The schema with {@code additionalProperties: false} wherever Kubernetes drops unknown fields: along
     * properties, items and additionalProperties. Branches of anyOf, oneOf, allOf and not only constrain
     * values (e.g. "one of these two fields") and stay as they are.
     */
    private static Map<String, Object> closed(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        if (copy.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> closedProperties = new LinkedHashMap<>();
            properties.forEach((name, property) -> closedProperties.put((String) name, closed(map(property))));
            copy.put("properties", closedProperties);
            if (!copy.containsKey("additionalProperties") && !Boolean.TRUE.equals(copy.get("x-kubernetes-preserve-unknown-fields"))) {
                copy.put("additionalProperties", false);
            }
        }
        if (copy.get("items") instanceof Map<?, ?> items) {
            copy.put("items", closed(map(items)));
        }
        if (copy.get("additionalProperties") instanceof Map<?, ?> values) {
            copy.put("additionalProperties", closed(map(values)));
        }
        return copy;
    }

    private static Map<String, Object> loadCrd(String resource) {
        try (InputStream in = KubernetesSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (io.strimzi:api test-jar)");
            }
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
