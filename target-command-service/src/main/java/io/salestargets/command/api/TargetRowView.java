package io.salestargets.command.api;

import io.salestargets.command.domain.TargetRow;
import io.salestargets.command.domain.TargetValues;
import io.salestargets.events.targets.Interval;
import io.salestargets.events.targets.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A target row as the API shows it ({@code GET <row>}); its version is also its ETag. */
@Schema(name = "TargetRow", example = """
        {"tenantId":"acme","year":2026,"typeId":"all-sales-amount","level":"USER","ownerId":"u-anna","item":null,
         "groupId":"g-north","interval":"MONTH","values":[10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000,10000],
         "total":120000,"currency":null,"locked":false,"version":3,"updatedAt":"2026-11-26T10:00:00Z","updatedBy":"u-boss"}""")
public record TargetRowView(
        String tenantId,
        int year,
        String typeId,
        Level level,
        String ownerId,
        String item,
        String groupId,
        Interval interval,
        List<BigDecimal> values,
        BigDecimal total,
        String currency,
        boolean locked,
        long version,
        Instant updatedAt,
        String updatedBy) {

    public static TargetRowView of(TargetRow row) {
        TargetValues set = row.current().orElseThrow();
        return new TargetRowView(row.tenantId(), row.id().year(), row.id().typeId(), row.id().level(), row.id().ownerId(),
                row.id().item(), set.groupId(), set.interval(), set.values(), set.total(), set.currency(), row.locked(),
                row.version(), row.updatedAt(), row.updatedBy());
    }
}
