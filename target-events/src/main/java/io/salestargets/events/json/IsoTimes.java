package io.salestargets.events.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the usual forms of a date ({@code 2026-03-14}) and an instant ({@code 2026-03-14T09:30:00Z},
 * {@code 2026-03-14T09:30:00.123Z}) by hand: every sale record has both, and {@code java.time}'s formatters
 * (a map of parsed fields per value) cost more than the rest of the record's checks. Anything else is left
 * to the formatters ({@code null} here), so what is accepted and refused stays theirs (IsoTimesTest).
 */
final class IsoTimes {

    private IsoTimes() {
    }

    /**
     * The date of {@code YYYY-MM-DD} (ASCII digits); null when the text is not of that form.
     *
     * @throws DateTimeException for a day that does not exist ({@code 2026-02-30})
     */
    static LocalDate date(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /**
     * The instant of {@code YYYY-MM-DDTHH:MM:SSZ}, with 1 to 9 fraction digits or none, of an existing day and a
     * time from 00:00:00 to 23:59:59; null for any other text (a leap second, an offset, another year's form),
     * which the formatter then reads or refuses.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            for (int i = length - 1; i < 29; i++) {
                fraction *= 10;
            }
            nanos = fraction;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        LocalDate day;
        try {
            day = date(text.substring(0, 10));
        } catch (DateTimeException e) {
            return null; // no such day: the formatter's refusal
        }
        if (day == null) {
            return null;
        }
        return Instant.ofEpochSecond(day.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number of the ASCII digits from {@code from} to {@code to} (exclusive), or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
