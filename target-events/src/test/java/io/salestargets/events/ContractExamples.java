package io.salestargets.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.targets.TargetEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The JSON examples of the contract (CONTRACT.md sections 4 and 5), completed where the contract
 * abbreviates them, under {@code src/test/resources/contract-examples/}. A file is named after its
 * record, with an optional {@code -variant} suffix.
 */
public final class ContractExamples {

    public static final List<String> FILES = List.of(
            "TargetSet.json", "TargetSet-company-quarter.json", "TargetLocked.json", "TargetUnlocked.json",
            "TargetRemoved.json", "TargetTypeAdded.json", "SaleWon.json", "SaleWon-minimal.json",
            "SaleRetracted.json", "ProgressView.json", "TargetAttained.json");

    private ContractExamples() {
    }

    public static String text(String file) {
        try (InputStream in = ContractExamples.class.getResourceAsStream("/contract-examples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(String file) {
        return (ObjectNode) readTree(text(file));
    }

    public static JsonNode readTree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record an example file holds: {@code SaleWon-minimal.json} -> {@code SaleWon}. */
    public static String recordName(String file) {
        String name = file.substring(0, file.length() - ".json".length());
        int variant = name.indexOf('-');
        return variant < 0 ? name : name.substring(0, variant);
    }

    /**
     * The family a record is read as: the sealed interface of its topic; on {@code targets.progress}, whose
     * records the header {@code ce_type} tells apart, the record itself.
     */
    public static Class<?> family(String recordName) {
        if (recordName.equals("TargetAttained")) {
            return TargetAttained.class;
        }
        if (recordName.startsWith("Target")) {
            return TargetEvent.class;
        }
        if (recordName.startsWith("Sale")) {
            return SaleRecord.class;
        }
        return ProgressView.class;
    }

    /**
     * Asserts that two JSON values mean the same: numbers are compared by value ({@code 10000} is
     * {@code 10000.00}), and an absent field means the same as a null one.
     */
    public static void assertSameMeaning(JsonNode expected, JsonNode actual, String path) {
        if (isNull(expected) || isNull(actual)) {
            assertThat(isNull(actual)).as("%s is null in one and %s in the other", path, isNull(expected) ? actual : expected)
                    .isEqualTo(isNull(expected));
            return;
        }
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as("%s is a number", path).isTrue();
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(new BigDecimal(expected.asText()));
            return;
        }
        assertThat(actual.getNodeType()).as("%s type", path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                assertSameMeaning(expected.get(name), actual.get(name), path + "." + name);
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as("%s size", path).isEqualTo(expected.size());
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                assertSameMeaning(e.next(), a.next(), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
