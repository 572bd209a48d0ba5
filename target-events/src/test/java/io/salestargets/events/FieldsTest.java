package io.salestargets.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of ids and currencies accept exactly what their published patterns accept: every
 * string of up to three characters of an alphabet with each class's edges and neighbours (non-ASCII letters and
 * digits too), and many longer ones around the 64-character limit.
 */
class FieldsTest {

    private static final String ALPHABET = "azAZ09.-_:/ `{@[\\]^~\u00e9\u0660\u212a\u0131";

    @Test
    void entityIdsTypeIdsAndCurrenciesAreCheckedExactlyAsTheirPatternsSay() {
        List<String> values = values();
        assertSame(values, Fields.ENTITY_ID, Fields::isEntityId);
        assertSame(values, Fields.TYPE_ID, Fields::isTypeId);
        assertSame(values, Fields.CURRENCY, Fields::isCurrency);
    }

    @Test
    void aFieldThatDoesNotMatchIsRefusedNamingTheFieldAndThePattern() {
        InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> Fields.requireEntityId("userId", "u/1"));
        assertThat(refused.getMessage()).contains("userId").contains(Fields.ENTITY_ID.pattern());
        assertThat(Fields.requireCurrency("currency", null)).isNull();
        assertThat(Fields.requireTypeId("typeId", "sale-type-count")).isEqualTo("sale-type-count");
    }

    private static void assertSame(List<String> values, Pattern pattern, Predicate<String> check) {
        for (String value : values) {
            assertThat(check.test(value)).as("%s against \"%s\"", pattern.pattern(), value).isEqualTo(pattern.matcher(value).matches());
        }
    }

    private static List<String> values() {
        List<String> values = new ArrayList<>();
        values.add("");
        for (char a : ALPHABET.toCharArray()) {
            values.add(String.valueOf(a));
            for (char b : ALPHABET.toCharArray()) {
                values.add("" + a + b);
                for (char c : ALPHABET.toCharArray()) {
                    values.add("" + a + b + c);
                }
            }
        }
        Random random = new Random(20_261_203L);
        for (int i = 0; i < 20_000; i++) {
            int length = 60 + random.nextInt(8);
            StringBuilder value = new StringBuilder();
            String chars = random.nextInt(4) == 0 ? ALPHABET : "az09-";
            for (int c = 0; c < length; c++) {
                value.append(chars.charAt(random.nextInt(chars.length())));
            }
            values.add(value.toString());
        }
        return values;
    }
}
