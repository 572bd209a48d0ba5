package io.salestargets.progress.sales;

import io.salestargets.events.target.Level;
import io.salestargets.events.target.Measure;
import io.salestargets.progress.actuals.ActualsDelta;
import io.salestargets.events.sale.SaleWon;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a won sale counts: for its user, for the group recorded on the sale and for the company;
 * in each, once for dimension {@code all} and once per entry of its {@code dimensions}; on its won
 * date.
 */
public final class SaleContributions {

    private SaleContributions() {
    }

    /** The deltas that add a sale ({@code sign} 1) or take it back ({@code sign} -1). */
    public static List<ActualsDelta> of(SaleWon sale, int sign) {
        BigDecimal factor = BigDecimal.valueOf(sign);
        BigDecimal amount = sale.amount().multiply(factor);
        BigDecimal profit = sale.profit().multiply(factor);
        int year = sale.wonDate().getYear();
        List<ActualsDelta> deltas = new ArrayList<>(3 * (1 + sale.dimensions().size()));
        String[][] owners = {
                {Level.USER.name(), sale.userId()},
                {Level.GROUP.name(), sale.groupId()},
                {Level.COMPANY.name(), Level.COMPANY_OWNER}};
        for (String[] owner : owners) {
            Level level = Level.valueOf(owner[0]);
            String group = level == Level.USER ? sale.groupId() : null;
            deltas.add(new ActualsDelta(sale.tenantId(), year, level, owner[1], Measure.ALL, null, sale.wonDate(), amount,
                    profit, sign, group));
            for (Map.Entry<String, String> dimension : sale.dimensions().entrySet()) {
                deltas.add(new ActualsDelta(sale.tenantId(), year, level, owner[1], dimension.getKey(), dimension.getValue(),
                        sale.wonDate(), amount, profit, sign, group));
            }
        }
        return deltas;
    }
}
