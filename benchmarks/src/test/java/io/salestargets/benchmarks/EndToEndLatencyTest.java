package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EndToEndLatencyTest {

    /** A view as targets.progress carries it: the periods and their nested objects come before the total. */
    private static final String VIEW = """
            {"tenantId":"bench","year":2026,"typeId":"all-sales-amount","level":"USER","ownerId":"u-1","item":null,\
            "unit":"AMOUNT","interval":"QUARTER","locked":false,"targetVersion":3,\
            "periods":[{"period":1,"label":"2026-Q1","target":100.00,"actual":7.5,"attainment":0.0750},\
            {"period":2,"label":"2026-Q2","target":null,"actual":0,"attainment":null}],\
            "total":{"target":400.00,"actual":1234567890123.45,"attainment":3086419725.3086},\
            "toDate":{"asOf":"2026-12-04","target":380.00,"actual":99,"attainment":0.2605},\
            "pace":{"projectedActual":105.12,"workingDaysLeft":19,"neededPerWorkingDay":1.00,"status":"behind"}}""";

    @Test
    void readsTheTotalActualExactlyPastTheNestedPeriods() throws IOException {
        assertThat(EndToEndLatency.totalActual(VIEW.getBytes(StandardCharsets.UTF_8))).isEqualTo(new BigDecimal("1234567890123.45"));
    }

    @Test
    void refusesAViewWithoutATotal() {
        assertThatThrownBy(() -> EndToEndLatency.totalActual("{\"periods\":[{\"actual\":1}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
