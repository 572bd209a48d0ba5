package io.salestargets.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.salestargets.events.InvalidInputException;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.sale.SaleRecord;
import io.salestargets.events.sale.SaleWon;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaleGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private final DemoTenant demo = DemoTenant.of("demo");

    @Test
    void theDemoTenantHasFourTeamsOfFiveToEight() {
        assertThat(demo.teams()).hasSize(4).allSatisfy(team -> assertThat(team.users()).hasSizeBetween(5, 8));
        assertThat(demo.users()).doesNotHaveDuplicates();
    }

    @Test
    void aGeneratedTenantHasTheTeamsAndUsersAskedFor() {
        DemoTenant bench = DemoTenant.generated("bench", 20, 25);
        assertThat(bench.teams()).hasSize(20).allSatisfy(team -> assertThat(team.users()).hasSize(25));
        assertThat(bench.users()).hasSize(500).doesNotHaveDuplicates();
        assertThat(bench.groupOf("u-07-013")).isEqualTo("g-07");
    }

    @Test
    void totalsAreWhatTheRecordsSentAddUpToOnceCorrectionsAndRetractionsAreAppliedPerOwnerAndPerItem() {
        DemoTenant tenant = DemoTenant.generated("bench", 3, 4);
        SaleGenerator generator = new SaleGenerator(tenant, 5, TODAY, SaleGenerator.Mix.REALISTIC);
        Map<String, SaleWon> counting = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            SaleGenerator.SaleRecord record = generator.next(true);
            if (record.kind() == SaleGenerator.Kind.MALFORMED) {
                continue;
            }
            if (EventJson.read(record.value(), SaleRecord.class) instanceof SaleWon won) {
                counting.put(record.key(), won);
            } else {
                counting.remove(record.key());
            }
        }
        SaleGenerator.Totals totals = generator.totals(TODAY.getYear());

        List<SaleGenerator.Owner> owners = new ArrayList<>(List.of(SaleGenerator.Owner.COMPANY));
        tenant.teams().forEach(team -> owners.add(SaleGenerator.Owner.group(team.groupId())));
        tenant.users().forEach(user -> owners.add(SaleGenerator.Owner.user(user)));
        for (SaleGenerator.Owner owner : owners) {
            List<SaleWon> sales = counting.values().stream().filter(sale -> switch (owner.level()) {
                case "company" -> true;
                case "group" -> sale.groupId().equals(owner.id());
                default -> sale.userId().equals(owner.id());
            }).toList();
            assertSums(totals.of(owner), sales, owner + " all");
            for (String item : DemoTenant.SALE_TYPES) {
                assertSums(totals.of(owner, SaleGenerator.SALE_TYPE, item),
                        sales.stream().filter(sale -> item.equals(sale.dimensions().get(SaleGenerator.SALE_TYPE))).toList(), owner + " " + item);
            }
            for (String item : DemoTenant.COMPANY_CATEGORIES) {
                assertSums(totals.of(owner, SaleGenerator.COMPANY_CATEGORY, item),
                        sales.stream().filter(sale -> item.equals(sale.dimensions().get(SaleGenerator.COMPANY_CATEGORY))).toList(),
                        owner + " " + item);
            }
        }
        assertThat(totals.of(SaleGenerator.Owner.COMPANY).count()).isEqualTo(counting.size()).isGreaterThan(2000);
        assertThat(totals.of(SaleGenerator.Owner.user("u-nobody"))).isEqualTo(SaleGenerator.Sums.NONE);
    }

    private static void assertSums(SaleGenerator.Sums sums, List<SaleWon> sales, String what) {
        assertThat(sums.count()).as(what).isEqualTo(sales.size());
        assertThat(sums.amount()).as(what).isEqualByComparingTo(sales.stream().map(SaleWon::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(sums.profit()).as(what).isEqualByComparingTo(sales.stream().map(SaleWon::profit).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void theSameSeedSendsTheSameRecords() {
        assertThat(records(7, 200)).isEqualTo(records(7, 200));
        assertThat(records(7, 200)).isNotEqualTo(records(8, 200));
    }

    @Test
    void recordsAreWonSalesCorrectionsRetractionsAndAFewMalformedOnesInTheContractsShape() {
        SaleGenerator generator = new SaleGenerator(demo, 1, TODAY, new SaleGenerator.Mix(0.10, 0.02, 0.01));
        Map<SaleGenerator.Kind, Integer> kinds = new EnumMap<>(SaleGenerator.Kind.class);
        for (int i = 0; i < 5000; i++) {
            SaleGenerator.SaleRecord record = generator.next(i < 1000);
            kinds.merge(record.kind(), 1, Integer::sum);
            if (record.kind() == SaleGenerator.Kind.MALFORMED) {
                assertThat(readable(record.value())).as(record.value()).isFalse();
                continue;
            }
            SaleRecord sale = EventJson.read(record.value(), SaleRecord.class);
            assertThat(record.key()).isEqualTo(sale.key());
            if (sale instanceof SaleWon won) {
                assertThat(won.wonDate()).isBeforeOrEqualTo(TODAY).hasYear(2026);
                assertThat(demo.groupOf(won.userId())).isEqualTo(won.groupId());
                assertThat(won.dimensions()).containsKeys("sale-type", "company-category");
            }
        }
        assertThat(kinds.get(SaleGenerator.Kind.WON)).isBetween(4000, 4700);
        assertThat(kinds.get(SaleGenerator.Kind.CORRECTED)).isBetween(350, 650);
        assertThat(kinds.get(SaleGenerator.Kind.RETRACTED)).isBetween(50, 150);
        assertThat(kinds.get(SaleGenerator.Kind.MALFORMED)).isBetween(20, 90);
    }

    private static boolean readable(String json) {
        try {
            EventJson.read(json, SaleRecord.class);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private List<String> records(long seed, int count) {
        SaleGenerator generator = new SaleGenerator(demo, seed, TODAY, SaleGenerator.Mix.REALISTIC);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SaleGenerator.SaleRecord record = generator.next(true);
            records.add(record.key() + " " + record.value());
        }
        return records;
    }
}
