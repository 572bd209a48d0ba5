package io.salestargets.progress.firstversion.sales;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import io.salestargets.progress.firstversion.actuals.Actual;
import io.salestargets.progress.firstversion.actuals.ActualsChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a won sale counts: for its user, for the group recorded on the sale and for the company;
 * in each, once for dimension {@code all} and once per entry of its {@code dimensions}; on its won
 * date. A change of a sale takes its old contribution back and adds the new one, in one
 * {@link ActualsChange} per owner.
 */
public final class SaleContributions {

    private SaleContributions() {
    }

    /**
     * The changes that take {@code removed} back and add {@code added} (either may be null), one per
     * owner, in the order user, group, company.
     */
    public static List<ActualsChange> of(SaleWon removed, SaleWon added) {
        Map<String, Builder> owners = new LinkedHashMap<>();
        if (removed != null) {
            contribute(owners, removed, -1);
        }
        if (added != null) {
            contribute(owners, added, 1);
        }
        List<ActualsChange> changes = new ArrayList<>(owners.size());
        owners.values().forEach(builder -> changes.add(builder.build()));
        return changes;
    }

    private static void contribute(Map<String, Builder> owners, SaleWon sale, int sign) {
        Actual actual = new Actual(sale.amount(), sale.profit(), 1);
        Actual signed = sign > 0 ? actual : actual.negate();
        int year = sale.wonDate().getYear();
        String[][] ownerIds = {
                {Level.USER.name(), sale.userId()},
                {Level.GROUP.name(), sale.groupId()},
                {Level.COMPANY.name(), Level.COMPANY_OWNER}};
        for (String[] ownerId : ownerIds) {
            Level level = Level.valueOf(ownerId[0]);
            Builder builder = owners.computeIfAbsent(sale.tenantId() + "/" + year + "/" + level + "/" + ownerId[1],
                    key -> new Builder(sale.tenantId(), year, level, ownerId[1]));
            if (sign > 0 && level == Level.USER) {
                builder.groupId = sale.groupId();
                builder.groupDay = sale.wonDate();
            }
            builder.entries.add(new ActualsChange.Entry(Measure.ALL, null, sale.wonDate(), signed));
            for (Map.Entry<String, String> dimension : sale.dimensions().entrySet()) {
                builder.entries.add(new ActualsChange.Entry(dimension.getKey(), dimension.getValue(), sale.wonDate(), signed));
            }
        }
    }

    private static final class Builder {
        private final String tenantId;
        private final int year;
        private final Level level;
        private final String ownerId;
        private final List<ActualsChange.Entry> entries = new ArrayList<>();
        private String groupId;
        private LocalDate groupDay;

        Builder(String tenantId, int year, Level level, String ownerId) {
            this.tenantId = tenantId;
            this.year = year;
            this.level = level;
            this.ownerId = ownerId;
        }

        ActualsChange build() {
            return new ActualsChange(tenantId, year, level, ownerId, groupId, groupDay, List.copyOf(entries));
        }
    }
}
