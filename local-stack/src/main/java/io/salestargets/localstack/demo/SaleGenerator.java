package io.salestargets.localstack.demo;

import io.salestargets.events.json.EventJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a CRM publishes on {@code crm.sales}, made up from a seed: new won sales, corrections of
 * earlier ones (amount edited, date moved, another owner), retractions, and now and then a record
 * that cannot be read. The same seed gives the same records.
 */
public final class SaleGenerator {

    /** One record for {@code crm.sales}; a null value is a tombstone. */
    public record SaleRecord(String key, String value, Kind kind) {
    }

    public enum Kind { WON, CORRECTED, RETRACTED, MALFORMED }

    /** How often each kind of record comes, as shares of all records. */
    public record Mix(double corrections, double retractions, double malformed) {
        public static final Mix REALISTIC = new Mix(0.10, 0.02, 0.005);
    }

    /** The dimensions of the sales it makes: the contract's {@code all}, and the keys of their {@code dimensions}. */
    public static final String ALL = "all";
    public static final String SALE_TYPE = "sale-type";
    public static final String COMPANY_CATEGORY = "company-category";

    private record Sale(String id, long revision, String user, String group, LocalDate wonDate, BigDecimal amount,
            BigDecimal profit, String saleType, String category) {
    }

    private final DemoTenant tenant;
    private final Random random;
    private final LocalDate today;
    private final Mix mix;
    private final Map<String, Sale> live = new LinkedHashMap<>();
    private final List<String> liveIds = new ArrayList<>();
    /** Running sums of the users' weights, for picking one in proportion to its weight. */
    private final double[] userWeights;
    private final String run;
    private long sequence;

    public SaleGenerator(DemoTenant tenant, long seed, LocalDate today, Mix mix) {
        this.tenant = tenant;
        this.random = new Random(seed);
        this.today = today;
        this.mix = mix;
        // sale ids of one seed are its own: another run does not send "new" sales that exist already
        this.run = Long.toString(Math.abs(seed), 36);
        this.userWeights = new double[tenant.users().size()];
        double sum = 0;
        for (int i = 0; i < userWeights.length; i++) {
            sum += 0.5 + random.nextDouble() * 1.5;
            userWeights[i] = sum;
        }
    }

    /**
     * The next record. {@code backfill} records spread their won dates over the year so far; live
     * ones are mostly won today.
     */
    public SaleRecord next(boolean backfill) {
        double roll = random.nextDouble();
        if (roll < mix.malformed()) {
            return malformed();
        }
        if (!liveIds.isEmpty() && roll < mix.malformed() + mix.retractions()) {
            Sale sale = live.remove(removeLiveId(random.nextInt(liveIds.size())));
            String json = "{\"type\":\"SaleRetracted\",\"tenantId\":\"%s\",\"saleId\":\"%s\",\"revision\":%d}"
                    .formatted(tenant.tenantId(), sale.id(), sale.revision() + 1);
            return new SaleRecord(key(sale.id()), json, Kind.RETRACTED);
        }
        if (!liveIds.isEmpty() && roll < mix.malformed() + mix.retractions() + mix.corrections()) {
            Sale before = live.get(liveIds.get(random.nextInt(liveIds.size())));
            Sale after = correct(before);
            live.put(after.id(), after);
            return new SaleRecord(key(after.id()), json(after), Kind.CORRECTED);
        }
        String user = pickUser();
        BigDecimal amount = amount();
        Sale sale = new Sale("s-" + run + "-" + (++sequence), 1, user, tenant.groupOf(user), day(backfill), amount, profit(amount),
                pick(DemoTenant.SALE_TYPES), pick(DemoTenant.COMPANY_CATEGORIES));
        live.put(sale.id(), sale);
        liveIds.add(sale.id());
        return new SaleRecord(key(sale.id()), json(sale), Kind.WON);
    }

    private Sale correct(Sale sale) {
        double change = random.nextDouble();
        if (change < 0.6) {
            BigDecimal amount = sale.amount().multiply(BigDecimal.valueOf(0.7 + random.nextDouble() * 0.6)).setScale(2, RoundingMode.HALF_EVEN);
            return new Sale(sale.id(), sale.revision() + 1, sale.user(), sale.group(), sale.wonDate(), amount, profit(amount),
                    sale.saleType(), sale.category());
        }
        if (change < 0.85) {
            LocalDate moved = sale.wonDate().plusDays(random.nextInt(21) - 10);
            moved = moved.getYear() != today.getYear() || moved.isAfter(today) ? sale.wonDate() : moved;
            return new Sale(sale.id(), sale.revision() + 1, sale.user(), sale.group(), moved, sale.amount(), sale.profit(),
                    sale.saleType(), sale.category());
        }
        String user = pickUser();
        return new Sale(sale.id(), sale.revision() + 1, user, tenant.groupOf(user), sale.wonDate(), sale.amount(), sale.profit(),
                sale.saleType(), sale.category());
    }

    private SaleRecord malformed() {
        String id = "s-" + run + "-bad-" + (++sequence);
        String json = switch (random.nextInt(4)) {
            case 0 -> "{\"type\":\"SaleWon\",\"tenantId\":\"" + tenant.tenantId() + "\",\"saleId\":\"" + id + "\"";
            case 1 -> "{\"type\":\"SaleWon\",\"tenantId\":\"" + tenant.tenantId() + "\",\"saleId\":\"" + id
                    + "\",\"userId\":\"u-x\",\"groupId\":\"g-x\",\"amount\":1}";
            case 2 -> "{\"type\":\"SaleWon\",\"tenantId\":\"" + tenant.tenantId() + "\",\"saleId\":\"" + id
                    + "\",\"wonDate\":\"" + today + "\",\"userId\":\"u-x\",\"groupId\":\"g-x\",\"amount\":\"lots\"}";
            default -> "{\"type\":\"SaleWonMaybe\",\"tenantId\":\"" + tenant.tenantId() + "\",\"saleId\":\"" + id + "\"}";
        };
        return new SaleRecord(key(id), json, Kind.MALFORMED);
    }

    private String json(Sale sale) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "SaleWon");
        json.put("tenantId", tenant.tenantId());
        json.put("saleId", sale.id());
        json.put("revision", sale.revision());
        json.put("wonDate", sale.wonDate().toString());
        json.put("userId", sale.user());
        json.put("groupId", sale.group());
        json.put("amount", sale.amount());
        json.put("profit", sale.profit());
        json.put("currency", "NOK");
        json.put("dimensions", Map.of(SALE_TYPE, sale.saleType(), COMPANY_CATEGORY, sale.category()));
        json.put("occurredAt", sale.wonDate().atTime(12, 0) + ":00Z");
        return EventJson.writeString(json);
    }

    private String key(String saleId) {
        return tenant.tenantId() + "/" + saleId;
    }

    private String pickUser() {
        double roll = random.nextDouble() * userWeights[userWeights.length - 1];
        int index = Arrays.binarySearch(userWeights, roll);
        return tenant.users().get(Math.min(userWeights.length - 1, index >= 0 ? index : -index - 1));
    }

    /** Takes one id out of the live ones in constant time: the last takes its place. */
    private String removeLiveId(int index) {
        String removed = liveIds.get(index);
        String last = liveIds.remove(liveIds.size() - 1);
        if (index < liveIds.size()) {
            liveIds.set(index, last);
        }
        return removed;
    }

    /**
     * What the sales that count now (won, not retracted, latest revision) add up to in one year: per owner (the
     * company, each group, each user), of all their sales and per list item of each dimension.
     */
    public Totals totals(int year) {
        Map<Slice, Sums> sums = new HashMap<>();
        for (Sale sale : live.values()) {
            if (sale.wonDate().getYear() != year) {
                continue;
            }
            for (Owner owner : List.of(Owner.COMPANY, Owner.group(sale.group()), Owner.user(sale.user()))) {
                sums.merge(new Slice(owner, ALL, null), Sums.of(sale), Sums::plus);
                sums.merge(new Slice(owner, SALE_TYPE, sale.saleType()), Sums.of(sale), Sums::plus);
                sums.merge(new Slice(owner, COMPANY_CATEGORY, sale.category()), Sums.of(sale), Sums::plus);
            }
        }
        return new Totals(Map.copyOf(sums));
    }

    /** Whose actuals a total is, as the progress views name them: {@code company/company}, {@code group/<id>}, {@code user/<id>}. */
    public record Owner(String level, String id) {
        public static final Owner COMPANY = new Owner("company", "company");

        public static Owner group(String groupId) {
            return new Owner("group", groupId);
        }

        public static Owner user(String userId) {
            return new Owner("user", userId);
        }
    }

    /** An owner's sales, all of them (dimension {@code all}, no item) or those with one list item of a dimension. */
    public record Slice(Owner owner, String dimension, String item) {
    }

    /** What some sales add up to: how many (the COUNT unit), their amount and their profit, exactly. */
    public record Sums(long count, BigDecimal amount, BigDecimal profit) {
        public static final Sums NONE = new Sums(0, BigDecimal.ZERO, BigDecimal.ZERO);

        private static Sums of(Sale sale) {
            return new Sums(1, sale.amount(), sale.profit());
        }

        private Sums plus(Sums other) {
            return new Sums(count + other.count, amount.add(other.amount), profit.add(other.profit));
        }
    }

    /** The actuals of a year, as the progress views should show them. */
    public record Totals(Map<Slice, Sums> sums) {

        /** All of an owner's sales (dimension {@code all}). */
        public Sums of(Owner owner) {
            return of(owner, ALL, null);
        }

        /** An owner's sales with {@code item} for {@code dimension} ({@code all} and null: all of them); none: {@link Sums#NONE}. */
        public Sums of(Owner owner, String dimension, String item) {
            return sums.getOrDefault(new Slice(owner, dimension, item), Sums.NONE);
        }
    }

    /** Deal sizes of a B2B sales team: most in the tens of thousands, a few large ones. */
    private BigDecimal amount() {
        double amount = Math.exp(Math.log(20_000) + random.nextGaussian() * 0.8);
        return BigDecimal.valueOf(Math.max(500, Math.min(400_000, amount))).setScale(2, RoundingMode.HALF_EVEN);
    }

    private BigDecimal profit(BigDecimal amount) {
        return amount.multiply(BigDecimal.valueOf(0.1 + random.nextDouble() * 0.35)).setScale(2, RoundingMode.HALF_EVEN);
    }

    private LocalDate day(boolean backfill) {
        if (backfill) {
            return today.withDayOfYear(1 + random.nextInt(today.getDayOfYear()));
        }
        LocalDate day = random.nextDouble() < 0.9 ? today : today.minusDays(1 + random.nextInt(14));
        return day.getYear() == today.getYear() ? day : today;
    }

    private String pick(List<String> items) {
        return items.get(random.nextInt(items.size()));
    }
}
