package io.salestargets.progress.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.localstack.testing.properties.Gens;
import io.salestargets.localstack.testing.properties.Hostile;
import io.salestargets.localstack.testing.properties.Json;
import io.salestargets.localstack.testing.properties.Json.Obj;
import io.salestargets.localstack.testing.properties.Theories;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The sales reader reads {@code crm.sales} with {@link EventJson#readSale} (a reader of tokens for the records a CRM
 * sends, the mapper for the rest): whatever a record holds, it gives the same record as the mapper, or refuses it
 * naming the same field for the same reason. The records are those of {@link SaleRecordPropertiesTest} (valid ones,
 * each rule broken, arbitrary JSON and bytes), and valid ones with their fields in any order, with fields the records
 * do not have between them.
 */
class SaleRecordParserPropertiesTest {

    /** The generated records' tenant (they name a placeholder). */
    private static final String TENANT = "acme";

    @Test
    void readsEveryRecordAsTheMapperDoes() {
        Gen<byte[]> values = Gens.oneOf(
                SaleRecordPropertiesTest.inputs().map(input -> input.value(TENANT)),
                Gens.oneOf(SaleRecordPropertiesTest.validWon(), SaleRecordPropertiesTest.validRetracted())
                        .zip(Gens.longs(), Gens.lists(Hostile.values(), 0, 3), SaleRecordParserPropertiesTest::shuffled)
                        .map(record -> Json.write(record).replace(SaleRecordPropertiesTest.TENANT, TENANT).getBytes(StandardCharsets.UTF_8)));
        Theories.check("readSaleAgreesWithTheMapper", 5_000, SaleRecordPropertiesTest.SHRINK_CYCLES, values, value -> {
            if (value == null) {
                return; // a tombstone: never read
            }
            assertThat(outcome(() -> EventJson.readSale(value))).as(new String(value, StandardCharsets.UTF_8))
                    .isEqualTo(outcome(() -> EventJson.read(value, SaleRecord.class)));
        });
    }

    /** A record's fields in another order, with fields of no record's among them. */
    private static Obj shuffled(Obj record, long seed, List<Object> extras) {
        List<Map.Entry<String, Object>> fields = new ArrayList<>(record.fields());
        for (int i = 0; i < extras.size(); i++) {
            fields.add(Map.entry("extra" + i, extras.get(i)));
        }
        Collections.shuffle(fields, new Random(seed));
        return new Obj(fields);
    }

    /** The record read, or the field and reason of the refusal. */
    private static Object outcome(Supplier<SaleRecord> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            return e.field() + ": " + e.getMessage();
        }
    }
}
