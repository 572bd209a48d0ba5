package io.salestargets.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.sale.SaleRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each broken variant of a contract example is refused twice, alike: by the record's JSON Schema and
 * by the Java record, which names the field at fault.
 */
class BrokenRecordsTest {

    record Broken(String example, String change, String field, Consumer<ObjectNode> breaker) {
        @Override
        public String toString() {
            return example + ": " + change;
        }
    }

    static final List<Broken> CASES = List.of(
            // TargetSet
            broken("TargetSet.json", "no eventId", "eventId", r -> r.remove("eventId")),
            broken("TargetSet.json", "eventId not a UUID", "eventId", r -> r.put("eventId", "e-1")),
            broken("TargetSet.json", "no tenantId", "tenantId", r -> r.remove("tenantId")),
            broken("TargetSet.json", "tenantId with a slash", "tenantId", r -> r.put("tenantId", "ac/me")),
            broken("TargetSet.json", "no target", "target", r -> r.remove("target")),
            broken("TargetSet.json", "target without year", "target.year", r -> target(r).remove("year")),
            broken("TargetSet.json", "year as a string", "target.year", r -> target(r).put("year", "2026")),
            broken("TargetSet.json", "year before 2000", "target.year", r -> target(r).put("year", 1999)),
            broken("TargetSet.json", "year with a fraction", "target.year", r -> target(r).put("year", 2026.5)),
            broken("TargetSet.json", "unknown level", "target.level", r -> target(r).put("level", "TEAM")),
            broken("TargetSet.json", "item on an 'all' row", "target.item", r -> target(r).put("item", "st-3")),
            broken("TargetSet.json", "no targetType", "targetType", r -> r.remove("targetType")),
            broken("TargetSet.json", "unknown unit", "targetType.unit", r -> ((ObjectNode) r.get("targetType")).put("unit", "LITRES")),
            broken("TargetSet.json", "user row without groupId", "groupId", r -> r.remove("groupId")),
            broken("TargetSet.json", "groupId with a space", "groupId", r -> r.put("groupId", "g north")),
            broken("TargetSet.json", "unknown interval", "interval", r -> r.put("interval", "WEEK")),
            broken("TargetSet.json", "11 values for MONTH", "values", r -> values(r).remove(11)),
            broken("TargetSet.json", "a negative value", "values[3]", r -> values(r).set(3, -1)),
            broken("TargetSet.json", "a value as a string", "values[3]", r -> values(r).set(3, "10000")),
            broken("TargetSet.json", "a null value", "values[3]", r -> values(r).setNull(3)),
            broken("TargetSet.json", "values not an array", "values", r -> r.put("values", 10000)),
            broken("TargetSet.json", "currency on a user row", "currency", r -> r.put("currency", "NOK")),
            broken("TargetSet.json", "version 0", "version", r -> r.put("version", 0)),
            broken("TargetSet.json", "no version", "version", r -> r.remove("version")),
            broken("TargetSet.json", "occurredAt not an instant", "occurredAt", r -> r.put("occurredAt", "yesterday")),
            broken("TargetSet.json", "no actor", "actor", r -> r.remove("actor")),
            broken("TargetSet.json", "unknown type", "type", r -> r.put("type", "TargetChanged")),
            broken("TargetSet.json", "no type", "type", r -> r.remove("type")),
            broken("TargetSet-company-quarter.json", "5 values for QUARTER", "values", r -> values(r).add(1)),
            broken("TargetSet-company-quarter.json", "lower-case currency", "currency", r -> r.put("currency", "nok")),
            broken("TargetSet-company-quarter.json", "groupId on a company row", "groupId", r -> r.put("groupId", "g-north")),
            broken("TargetSet-company-quarter.json", "list row without item", "target.item", r -> target(r).remove("item")),
            broken("TargetSet-company-quarter.json", "company row owned by someone", "target.ownerId", r -> target(r).put("ownerId", "u-anna")),
            // TargetLocked, TargetUnlocked, TargetRemoved
            broken("TargetLocked.json", "no target", "target", r -> r.remove("target")),
            broken("TargetLocked.json", "negative version", "version", r -> r.put("version", -4)),
            broken("TargetUnlocked.json", "typeId with capitals", "target.typeId", r -> target(r).put("typeId", "Sale-Type")),
            broken("TargetRemoved.json", "no occurredAt", "occurredAt", r -> r.remove("occurredAt")),
            // TargetTypeAdded
            broken("TargetTypeAdded.json", "no dimension", "targetType.dimension", r -> type(r).remove("dimension")),
            broken("TargetTypeAdded.json", "blank name", "targetType.name", r -> type(r).put("name", "  ")),
            broken("TargetTypeAdded.json", "unknown unit", "targetType.unit", r -> type(r).put("unit", "HOURS")),
            broken("TargetTypeAdded.json", "id with an underscore", "targetType.id", r -> type(r).put("id", "sale_type")),
            // SaleWon
            broken("SaleWon.json", "no tenantId", "tenantId", r -> r.remove("tenantId")),
            broken("SaleWon.json", "no saleId", "saleId", r -> r.remove("saleId")),
            broken("SaleWon.json", "no wonDate", "wonDate", r -> r.remove("wonDate")),
            broken("SaleWon.json", "no userId", "userId", r -> r.remove("userId")),
            broken("SaleWon.json", "no groupId", "groupId", r -> r.remove("groupId")),
            broken("SaleWon.json", "wonDate not ISO", "wonDate", r -> r.put("wonDate", "14.03.2026")),
            // found by the projector's SaleRecordPropertiesTest: Jackson read a date-time as its UTC date, a date
            // between spaces as the date, and a number as an instant since 1970
            broken("SaleWon.json", "wonDate as a date-time", "wonDate", r -> r.put("wonDate", "2026-03-14T23:30:00Z")),
            broken("SaleWon.json", "wonDate between spaces", "wonDate", r -> r.put("wonDate", " 2026-03-14")),
            broken("SaleWon.json", "wonDate as a number", "wonDate", r -> r.put("wonDate", 20260314)),
            broken("SaleWon.json", "occurredAt as a number", "occurredAt", r -> r.put("occurredAt", 5)),
            broken("SaleWon.json", "amount as a string", "amount", r -> r.put("amount", "12000.50")),
            broken("SaleWon.json", "amount beyond 1e15", "amount", r -> r.put("amount", new BigDecimal("1e16"))),
            broken("SaleWon.json", "profit as a boolean", "profit", r -> r.put("profit", true)),
            broken("SaleWon.json", "negative revision", "revision", r -> r.put("revision", -1)),
            broken("SaleWon.json", "revision as a string", "revision", r -> r.put("revision", "7")),
            broken("SaleWon.json", "userId as a number", "userId", r -> r.put("userId", 42)),
            broken("SaleWon.json", "dimension item as a number", "dimensions.sale-type", r -> dims(r).put("sale-type", 3)),
            broken("SaleWon.json", "dimension item with a slash", "dimensions.sale-type", r -> dims(r).put("sale-type", "st/3")),
            broken("SaleWon.json", "unknown type", "type", r -> r.put("type", "SaleLost")),
            // found by the projector's SaleRecordPropertiesTest: 40000 dimensions overflowed its binary records and
            // stopped its streams; at most SaleWon.MAX_DIMENSIONS (100)
            broken("SaleWon.json", "101 dimensions", "dimensions", r -> {
                for (int i = dims(r).size(); i <= 100; i++) {
                    dims(r).put("list-" + i, "item-" + i);
                }
            }),
            // SaleRetracted
            broken("SaleRetracted.json", "no saleId", "saleId", r -> r.remove("saleId")),
            broken("SaleRetracted.json", "revision with a fraction", "revision", r -> r.put("revision", 8.5)),
            broken("SaleRetracted.json", "occurredAt as a number", "occurredAt", r -> r.put("occurredAt", 1773479520000L)),
            // ProgressView
            broken("ProgressView.json", "11 periods for MONTH", "periods", r -> ((ArrayNode) r.get("periods")).remove(0)),
            broken("ProgressView.json", "no total", "total", r -> r.remove("total")),
            broken("ProgressView.json", "no toDate.asOf", "toDate.asOf", r -> ((ObjectNode) r.get("toDate")).remove("asOf")),
            broken("ProgressView.json", "locked as a string", "locked", r -> r.put("locked", "false")),
            // TargetAttained
            broken("TargetAttained.json", "no type", "type", r -> r.remove("type")),
            broken("TargetAttained.json", "another type", "type", r -> r.put("type", "TargetReached")),
            broken("TargetAttained.json", "no tenantId", "tenantId", r -> r.remove("tenantId")),
            broken("TargetAttained.json", "year before 2000", "year", r -> r.put("year", 1999)),
            broken("TargetAttained.json", "unknown level", "level", r -> r.put("level", "TEAM")),
            broken("TargetAttained.json", "company row owned by someone", "ownerId", r -> r.put("level", "COMPANY")),
            broken("TargetAttained.json", "no unit", "unit", r -> r.remove("unit")),
            broken("TargetAttained.json", "targetVersion 0", "targetVersion", r -> r.put("targetVersion", 0)),
            broken("TargetAttained.json", "no targetVersion", "targetVersion", r -> r.remove("targetVersion")),
            broken("TargetAttained.json", "target 0", "target", r -> r.put("target", 0)),
            broken("TargetAttained.json", "target as a string", "target", r -> r.put("target", "120000")),
            broken("TargetAttained.json", "no actual", "actual", r -> r.remove("actual")),
            broken("TargetAttained.json", "no attainedAt", "attainedAt", r -> r.remove("attainedAt")),
            broken("TargetAttained.json", "attainedAt not an instant", "attainedAt", r -> r.put("attainedAt", "2026-11-26")));

    static final List<Broken> SALE_CASES = CASES.stream()
            .filter(broken -> ContractExamples.family(ContractExamples.recordName(broken.example())) == SaleRecord.class).toList();

    @ParameterizedTest
    @FieldSource("CASES")
    void schemaRefusesIt(Broken broken) {
        String json = breakExample(broken).toString();

        assertThat(ContractSchemas.validate(ContractExamples.recordName(broken.example()), json)).isNotEmpty();
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void recordRefusesItNamingTheField(Broken broken) {
        String json = breakExample(broken).toString();
        Class<?> family = ContractExamples.family(ContractExamples.recordName(broken.example()));

        assertThatThrownBy(() -> EventJson.read(json, family))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(broken.field()));
    }

    /** The reader of crm.sales refuses a broken sale record as the mapper does: the same field, the same reason. */
    @ParameterizedTest
    @FieldSource("SALE_CASES")
    void saleReaderRefusesItAsTheMapperDoes(Broken broken) {
        byte[] json = breakExample(broken).toString().getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.readSale(json))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    InvalidInputException refused = (InvalidInputException) e;
                    assertThat(refused.field()).isEqualTo(broken.field());
                    assertThat(refused.getMessage()).isEqualTo(mapperRefusal(json).getMessage());
                });
    }

    private static InvalidInputException mapperRefusal(byte[] json) {
        try {
            EventJson.read(json, SaleRecord.class);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("the mapper reads it");
    }

    private static ObjectNode breakExample(Broken broken) {
        ObjectNode record = ContractExamples.tree(broken.example());
        broken.breaker().accept(record);
        return record;
    }

    private static Broken broken(String example, String change, String field, Consumer<ObjectNode> breaker) {
        return new Broken(example, change, field, breaker);
    }

    private static ObjectNode target(ObjectNode record) {
        return (ObjectNode) record.get("target");
    }

    private static ObjectNode type(ObjectNode record) {
        return (ObjectNode) record.get("targetType");
    }

    private static ObjectNode dims(ObjectNode record) {
        return (ObjectNode) record.get("dimensions");
    }

    private static ArrayNode values(ObjectNode record) {
        return (ArrayNode) record.get("values");
    }

}
