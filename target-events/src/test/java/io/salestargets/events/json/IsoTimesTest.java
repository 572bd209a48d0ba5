package io.salestargets.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-read dates and instants agree with {@code java.time}'s ISO formatters: every text read by hand is read
 * by the formatter as the same date or instant, every day that does not exist is refused by both, and the usual
 * forms (any instant of the contract's years, 0-9 fraction digits) are read by hand. Texts: valid ones and their
 * mutations (a character replaced, dropped or added, leap seconds, hour 24, February 29, offsets).
 */
class IsoTimesTest {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final String MUTATIONS = "0123456789-:.TZtz+ ";

    @Test
    void instantsReadByHandAreTheFormattersAndTheUsualFormsAreAllReadByHand() {
        Random random = new Random(20_261_203L);
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(946_684_800L + (long) (random.nextDouble() * 3_500_000_000L), random.nextInt(1_000_000_000));
            String text = usual(instant, random.nextInt(10));
            assertThat(IsoTimes.instant(text)).as(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from));
            for (String mutated : mutations(text, random)) {
                Instant byHand = IsoTimes.instant(mutated);
                if (byHand != null) {
                    assertThat(byHand).as(mutated).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(mutated, Instant::from));
                }
            }
        }
        for (String edge : List.of("2026-12-31T23:59:60Z", "2026-12-31T24:00:00Z", "2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z",
                "2026-03-14T09:30:00+01:00", "2026-03-14T09:30:00.Z", "2026-03-14t09:30:00z", "2026-03-14T09:30Z")) {
            Instant byHand = IsoTimes.instant(edge);
            if (byHand != null) {
                assertThat(byHand).as(edge).isEqualTo(DateTimeFormatter.ISO_INSTANT.parse(edge, Instant::from));
            }
        }
        assertThat(IsoTimes.instant("2024-02-29T10:00:00Z")).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
    }

    @Test
    void datesReadByHandAreTheFormattersAndDaysThatDoNotExistAreRefused() {
        Random random = new Random(20_261_203L);
        List<String> texts = new ArrayList<>(List.of("2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01",
                "9999-12-31", "2026-1-01", "+2026-01-01"));
        for (int i = 0; i < 50_000; i++) {
            String text = LocalDate.ofEpochDay(random.nextInt(80_000)).toString();
            texts.add(text);
            texts.addAll(mutations(text, random));
        }
        for (String text : texts) {
            LocalDate byFormatter;
            try {
                byFormatter = DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
            } catch (DateTimeException e) {
                byFormatter = null;
            }
            LocalDate byHand;
            try {
                byHand = IsoTimes.date(text);
            } catch (DateTimeException e) {
                byHand = null;
            }
            assertThat(byHand).as(text).isEqualTo(byFormatter);
        }
    }

    private static String usual(Instant instant, int fractionDigits) {
        String seconds = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
        if (fractionDigits == 0) {
            return seconds;
        }
        String nanos = String.format("%09d", instant.getNano()).substring(0, fractionDigits);
        return seconds.substring(0, seconds.length() - 1) + "." + nanos + "Z";
    }

    private static List<String> mutations(String text, Random random) {
        int at = random.nextInt(text.length());
        char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
        return List.of(text.substring(0, at) + c + text.substring(at + 1), text.substring(0, at) + text.substring(at + 1),
                text.substring(0, at) + c + text.substring(at));
    }
}
