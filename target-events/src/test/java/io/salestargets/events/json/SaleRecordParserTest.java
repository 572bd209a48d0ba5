package io.salestargets.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.ContractExamples;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleWon;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token reader of {@code crm.sales} ({@link SaleRecordParser}) reads the records a CRM sends itself, and
 * reads them as the mapper does; what it is not sure of it leaves to the mapper, so that {@link EventJson#readSale}
 * always answers as {@code read(json, SaleRecord.class)}. The projector's {@code SaleRecordParserPropertiesTest}
 * checks the same on generated records, broken ones among them.
 */
class SaleRecordParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"SaleWon.json", "SaleWon-minimal.json", "SaleRetracted.json"})
    void readsTheContractsExamplesItselfAsTheMapperDoes(String example) {
        byte[] json = ContractExamples.text(example).getBytes(StandardCharsets.UTF_8);

        SaleRecord parsed = SaleRecordParser.parse(json);

        assertThat(parsed).isNotNull().isEqualTo(EventJson.read(json, SaleRecord.class));
        assertThat(EventJson.readSale(json)).isEqualTo(parsed);
    }

    @Test
    void takesFieldsInAnyOrderAndSkipsFieldsItDoesNotKnow() {
        String json = """
                {"amount":12000.50,"extra":{"nested":[1,{"a":null}],"x":"y"},"dimensions":{"sale-type":"st-3","company-category":"cat-smb"},
                 "wonDate":"2026-03-14","userId":"u-anna","groupId":"g-north","profit":-0.5e1,"currency":"NOK","saleId":"s-\\u0031",
                 "revision":7,"tenantId":"acme","occurredAt":"2026-03-14T09:12:00.123Z","more":[true,false,null],"type":"SaleWon"}""";

        SaleRecord parsed = SaleRecordParser.parse(bytes(json));

        assertThat(parsed).isInstanceOf(SaleWon.class).isEqualTo(EventJson.read(json, SaleRecord.class));
        assertThat(((SaleWon) parsed).saleId()).isEqualTo("s-1");
        assertThat(((SaleWon) parsed).profit()).isEqualByComparingTo("-5");
    }

    /** Records of other shapes: the token reader leaves them to the mapper, which reads them, or says why it cannot. */
    @Test
    void leavesWhatItIsNotSureOfToTheMapper() {
        String won = """
                {"type":"SaleWon","tenantId":"acme","saleId":"s-1","wonDate":"2026-03-14","userId":"u-anna","groupId":"g-north",%s}""";
        List<String> unusual = List.of(
                won.formatted("\"amount\":null"), // a null: the mapper reads it as absent (0)
                won.formatted("\"dimensions\":null"),
                won.formatted("\"occurredAt\":\"2026-03-14T10:12:00+01:00\""), // an offset: the mapper's reader takes it
                won.formatted("\"amount\":\"12\""), // refused by the mapper: a string
                won.formatted("\"revision\":1.0"), // refused: a fraction
                won.formatted("\"revision\":99999999999999999999"), // refused: beyond a long
                won.formatted("\"wonDate\":\"2026-02-30\"").replace("\"wonDate\":\"2026-03-14\",", ""), // refused: no such day
                won.formatted("\"userId\":\"u-bob\""), // refused: a field given twice
                won.formatted("\"amount\":1e16"), // refused by the record: over 1e15
                won.formatted("\"amount\":1") + " {}", // refused: text after the record
                won.formatted("\"dimensions\":{\"sale-type\":3}"),
                won.formatted("\"amount\":1").replace("SaleWon", "SaleLost"), // refused: an unknown type
                """
                {"type":"SaleRetracted","tenantId":"acme","saleId":"s-1","amount":"not a number","wonDate":"someday"}""",
                "[]", "null", "\"SaleWon\"", "{", "{\"type\":\"SaleWon\"");
        for (String json : unusual) {
            assertThat(SaleRecordParser.parse(bytes(json))).as(json).isNull();
            assertThat(outcome(() -> EventJson.readSale(bytes(json)))).as(json)
                    .isEqualTo(outcome(() -> EventJson.read(bytes(json), SaleRecord.class)));
        }
    }

    /** A record, or the field and reason of the refusal. */
    private static Object outcome(java.util.function.Supplier<SaleRecord> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            return e.field() + ": " + e.getMessage();
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
