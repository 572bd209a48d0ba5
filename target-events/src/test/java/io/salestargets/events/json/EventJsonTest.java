package io.salestargets.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.ContractExamples;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.TargetEvent;
import io.salestargets.events.targets.TargetSet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String SALE = """
            {"type":"SaleWon","tenantId":"acme","saleId":"s-1","wonDate":"2026-03-14","userId":"u-anna",
             "groupId":"g-north","amount":%s,"profit":0.2}""";

    @Test
    void decimalsStayExact() {
        SaleWon a = (SaleWon) EventJson.read(SALE.formatted("0.1"), SaleRecord.class);
        SaleWon b = (SaleWon) EventJson.read(SALE.formatted("0.2"), SaleRecord.class);

        assertThat(a.amount().add(b.amount())).isEqualTo(new BigDecimal("0.3"));
        assertThat(a.amount().add(a.profit())).isEqualTo(new BigDecimal("0.3"));
    }

    @Test
    void decimalsAreWrittenPlainWithTheirScale() {
        SaleWon sale = (SaleWon) EventJson.read(SALE.formatted("12000.50"), SaleRecord.class);
        SaleWon large = (SaleWon) EventJson.read(SALE.formatted("1E+6"), SaleRecord.class);

        assertThat(EventJson.writeString(sale)).contains("\"amount\":12000.50");
        assertThat(EventJson.writeString(large)).contains("\"amount\":1000000");
    }

    @Test
    void datesAndInstantsAreIsoStrings() {
        TargetSet set = (TargetSet) EventJson.read(ContractExamples.text("TargetSet.json"), TargetEvent.class);
        SaleWon sale = (SaleWon) EventJson.read(ContractExamples.text("SaleWon.json"), SaleRecord.class);

        assertThat(set.occurredAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(sale.wonDate()).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(EventJson.writeString(set)).contains("\"occurredAt\":\"2026-11-26T10:00:00Z\"");
        assertThat(EventJson.writeString(sale)).contains("\"wonDate\":\"2026-03-14\"");
    }

    @Test
    void instantsWithAnOffsetAreReadAsUtc() {
        String json = ContractExamples.text("SaleRetracted.json").replace("2026-03-20T15:00:00Z", "2026-03-20T16:00:00+01:00");

        assertThat(EventJson.read(json, SaleRecord.class))
                .extracting("occurredAt").isEqualTo(Instant.parse("2026-03-20T15:00:00Z"));
    }

    @Test
    void unknownFieldsAreTolerated() {
        String json = ContractExamples.text("SaleWon.json").replace("\"saleId\"", "\"stage\":\"won\",\"extra\":{\"a\":[1]},\"saleId\"");

        assertThat(EventJson.read(json, SaleRecord.class)).isInstanceOf(SaleWon.class);
    }

    @Test
    void theTypeIsWrittenFirst() {
        SaleRecord sale = EventJson.read(ContractExamples.text("SaleWon.json"), SaleRecord.class);

        assertThat(EventJson.writeString(sale)).startsWith("{\"type\":\"SaleWon\",");
    }

    @Test
    void notJsonIsRefusedAsAWhole() {
        assertThatThrownBy(() -> EventJson.read("SaleWon s-1 12000", SaleRecord.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("not valid JSON")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("");
        assertThatThrownBy(() -> EventJson.read(new byte[0], SaleRecord.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("empty record");
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("SaleWon.json") + "{}", SaleRecord.class))
                .isInstanceOf(InvalidInputException.class);
    }

    /** Found by the projector's SaleRecordPropertiesTest: Jackson reads {@code null} as no value, which readers tripped over. */
    @Test
    void theJsonNullIsNoRecord() {
        for (String json : new String[] {"null", " null\n"}) {
            assertThatThrownBy(() -> EventJson.read(json.getBytes(StandardCharsets.UTF_8), SaleRecord.class))
                    .isInstanceOf(InvalidInputException.class).hasMessage("not a record: null");
            assertThatThrownBy(() -> EventJson.read(json, TargetEvent.class))
                    .isInstanceOf(InvalidInputException.class).hasMessage("not a record: null");
        }
    }

    @Test
    void duplicateFieldsAreRefused() {
        String json = ContractExamples.text("SaleWon.json").replace("\"amount\":12000.50", "\"amount\":1,\"amount\":12000.50");

        assertThatThrownBy(() -> EventJson.read(json, SaleRecord.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("amount");
    }

    /**
     * A reason names the field and what it must be, never the input: a dead letter's {@code error} header of
     * a record of a megabyte stayed a megabyte (issue 14).
     */
    @Test
    void reasonsNeverRepeatTheInput() {
        String huge = "x".repeat(100_000);
        String sale = ContractExamples.text("SaleWon.json");
        List<String> inputs = List.of(
                sale.replace("SaleWon", huge),
                sale.replace("2026-03-14\"", huge + "\""),
                sale.replace("\"amount\":12000.50", "\"amount\":" + "1".repeat(5_000)),
                sale.replace("\"amount\":12000.50", "\"amount\":" + huge),
                sale.replace("\"amount\":12000.50", "\"amount\":12000.50,\"" + huge + "\":1,\"" + huge + "\":2"),
                sale.replace("\"amount\":12000.50", "\"amount\":12000.50,\"dimensions\":{\"" + huge + "\":\"st-1\"}"),
                sale.replace("\"amount\":12000.50", "\"amount\":12000.50,\"dimensions\":{\"" + huge + "\":5}"),
                sale.replace("\"userId\":\"u-anna\"", "\"userId\":\"" + huge + "\""),
                huge,
                "{\"type\":\"" + huge,
                "[" + huge + "]");
        for (String input : inputs) {
            assertThatThrownBy(() -> EventJson.read(input, SaleRecord.class))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).as(e.getMessage()).hasSizeLessThan(120).doesNotContain("xxx"));
        }
    }

    @Test
    void reasonsSayWhatIsExpected() {
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("SaleWon.json").replace("2026-03-14\"", "14.03.2026\""), SaleRecord.class))
                .hasMessage("wonDate: must be a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("SaleWon.json").replace("\"userId\":\"u-anna\",", ""), SaleRecord.class))
                .hasMessage("userId: is required");
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("SaleWon.json").replace("12000.50", "\"12000.50\""), SaleRecord.class))
                .hasMessageStartingWith("amount: must be a decimal number");
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("SaleWon.json").replace("SaleWon", "SaleLost"), SaleRecord.class))
                .hasMessage("type: unknown type");
        assertThatThrownBy(() -> EventJson.read(ContractExamples.text("TargetSet.json").replace("\"values\":[10000,", "\"values\":[-5,"), TargetEvent.class))
                .hasMessage("values[0]: must not be negative");
    }
}
