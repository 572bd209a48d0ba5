package io.salestargets.progress.actuals;

import io.salestargets.events.sale.SaleWon;
import io.salestargets.events.targets.Level;
import io.salestargets.events.targets.Measure;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actuals of one partition's tenants, in memory: a pure function of the sales its sale states
 * count, kept up to date sale by sale and rebuilt from the sale states when the partition's task starts.
 * Where a won sale counts: for its user, for the group recorded on the sale and for the company; in
 * each, once for dimension {@code all} and once per entry of its {@code dimensions}; on its won date.
 * Also each user's group of the year: the group of the user's latest won sale counted now (on a tie,
 * the greatest group id).
 *
 * <p>Not thread-safe: the partition's lock guards it (the stream thread writes, queries read).
 */
public final class PartitionActuals {

    /** One owner's actuals of a dimension and item: told what changed ({@link #count}), or each in turn ({@link #forEach}). */
    @FunctionalInterface
    public interface Visitor {
        void visit(OwnerActuals actuals);
    }

    /** An owner of actuals: a user, a group or the company. */
    public record Owner(Level level, String ownerId) {
    }

    private record TenantYear(String tenantId, int year) {
    }

    private record DimensionItem(String dimension, String item) {
    }

    /** One tenant's actuals of one year. */
    private static final class YearBook {
        final Map<DimensionItem, Map<Owner, OwnerActuals>> actuals = new HashMap<>();
        /** Per user: its groups by the sales counted now. */
        final Map<String, UserGroups> groups = new HashMap<>();
    }

    private static final DimensionItem ALL = new DimensionItem(Measure.ALL, null);

    private final Map<TenantYear, YearBook> years = new HashMap<>();
    /**
     * One instance of each tenant id, dimension, item and group id that the held actuals name: every sale brings its own
     * copies, and the actuals created from a sale would otherwise keep them, six strings per user (a third of the actuals'
     * memory for a user with one sale). User ids are not kept here: each user's actuals share the one of its first sale.
     */
    private final Map<String, String> names = new HashMap<>();

    /** Counts a won sale ({@code sign} 1) or stops counting it ({@code sign} -1), telling {@code changes} whose actuals changed. */
    public void count(SaleWon sale, int sign, Visitor changes) {
        int year = sale.wonDate().getYear();
        YearBook book = years.computeIfAbsent(new TenantYear(sale.tenantId(), year), key -> new YearBook());
        Figure amount = Figure.of(sale.amount());
        Figure profit = Figure.of(sale.profit());
        count(book, sale, amount, profit, sign, Level.USER, sale.userId(), changes);
        count(book, sale, amount, profit, sign, Level.GROUP, sale.groupId(), changes);
        count(book, sale, amount, profit, sign, Level.COMPANY, Level.COMPANY_OWNER, changes);
        countGroup(book, sale, sign);
        if (book.actuals.isEmpty() && book.groups.isEmpty()) {
            years.remove(new TenantYear(sale.tenantId(), year));
        }
    }

    private void count(YearBook book, SaleWon sale, Figure amount, Figure profit, int sign, Level level, String ownerId,
            Visitor changes) {
        Owner owner = new Owner(level, ownerId);
        changes.visit(add(book, ALL, owner, sale, amount, profit, sign));
        for (Map.Entry<String, String> dimension : sale.dimensions().entrySet()) {
            changes.visit(add(book, new DimensionItem(dimension.getKey(), dimension.getValue()), owner, sale, amount, profit, sign));
        }
    }

    /** The owner's actuals after the change (empty and no longer held when it counts no sale now). */
    private OwnerActuals add(YearBook book, DimensionItem dimensionItem, Owner owner, SaleWon sale, Figure amount, Figure profit,
            int sign) {
        Map<Owner, OwnerActuals> owners = book.actuals.computeIfAbsent(dimensionItem, key -> new HashMap<>());
        OwnerActuals actuals = owners.computeIfAbsent(owner, key -> new OwnerActuals(name(sale.tenantId()), sale.wonDate().getYear(),
                owner.level(), owner.level() == Level.USER ? owner.ownerId() : name(owner.ownerId()), name(dimensionItem.dimension()),
                name(dimensionItem.item())));
        actuals.add(sale.wonDate(), amount, profit, sign);
        if (actuals.isEmpty()) {
            owners.remove(owner);
            if (owners.isEmpty()) {
                book.actuals.remove(dimensionItem);
            }
        }
        return actuals;
    }

    private void countGroup(YearBook book, SaleWon sale, int sign) {
        UserGroups groups = book.groups.computeIfAbsent(sale.userId(), key -> new UserGroups());
        if (groups.add(name(sale.groupId()), sale.wonDate(), sign)) {
            book.groups.remove(sale.userId());
        }
    }

    /** An owner's actuals of a dimension and item ({@code null} for dimension {@code all}); null when it counts no sale. */
    public OwnerActuals of(String tenantId, int year, Level level, String ownerId, String dimension, String item) {
        YearBook book = years.get(new TenantYear(tenantId, year));
        if (book == null) {
            return null;
        }
        Map<Owner, OwnerActuals> owners = book.actuals.get(new DimensionItem(dimension, item));
        return owners == null ? null : owners.get(new Owner(level, ownerId));
    }

    /** The owners with sales of a dimension and item in a year. */
    public Set<Owner> ownersWithSales(String tenantId, int year, String dimension, String item) {
        YearBook book = years.get(new TenantYear(tenantId, year));
        Map<Owner, OwnerActuals> owners = book == null ? null : book.actuals.get(new DimensionItem(dimension, item));
        return owners == null ? Set.of() : Collections.unmodifiableSet(owners.keySet());
    }

    /** The items of a dimension that sales of a year have, sorted. */
    public Set<String> itemsWithSales(String tenantId, int year, String dimension) {
        YearBook book = years.get(new TenantYear(tenantId, year));
        Set<String> items = new TreeSet<>();
        if (book != null) {
            book.actuals.keySet().forEach(key -> {
                if (key.dimension().equals(dimension) && key.item() != null) {
                    items.add(key.item());
                }
            });
        }
        return items;
    }

    /** A user's group of a year: the group of its latest won sale counted now (a tie: the greatest id); null without sales. */
    public String groupOf(String tenantId, int year, String userId) {
        YearBook book = years.get(new TenantYear(tenantId, year));
        UserGroups groups = book == null ? null : book.groups.get(userId);
        return groups == null ? null : groups.latest();
    }

    /** Calls {@code action} with every owner's actuals. */
    public void forEach(Visitor action) {
        years.forEach((tenantYear, book) -> book.actuals.forEach((dimensionItem, owners) -> owners.values().forEach(action::visit)));
    }

    /** Forgets everything (before a rebuild). */
    public void clear() {
        years.clear();
        names.clear();
    }

    /** The one instance of a name ({@link #names}); null stays null. */
    private String name(String name) {
        if (name == null) {
            return null;
        }
        String held = names.putIfAbsent(name, name);
        return held == null ? name : held;
    }
}
