package io.salestargets.progress.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.targets.Interval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class TargetHistoryTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T08:30:00.123456789Z");

    private static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void aRevisionRoundTripsWithItsValuesExactlyItsLockAndItsInstantToTheNanosecond() {
        TargetRevision revision = new TargetRevision(612, MARCH, Interval.QUARTER,
                decimals("0", "12000.50", "1.00000000000000000000", "123456789012345678901234567890.5"), true);

        TargetRevision read = TargetHistory.read(TargetHistory.write(revision));

        assertThat(read).isEqualTo(revision);
        assertThat(read.values().get(2).scale()).isEqualTo(20);
    }

    @Test
    void aRemovalRoundTrips() {
        TargetRevision read = TargetHistory.read(TargetHistory.write(TargetRevision.removed(7, MARCH)));

        assertThat(read.removed()).isTrue();
        assertThat(read.version()).isEqualTo(7);
        assertThat(read.occurredAt()).isEqualTo(MARCH);
    }

    @Test
    void theSerdePassesNullThroughAndRejectsAnUnknownFormatOrATruncatedRecord() {
        Serde<TargetRevision> serde = TargetHistory.serde();
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        byte[] bytes = serde.serializer().serialize("t", new TargetRevision(1, MARCH, Interval.MONTH, decimals("1", "2"), false));
        assertThat(bytes[0]).as("format 1").isEqualTo((byte) 1);
        assertThat(serde.deserializer().deserialize("t", bytes).values()).isEqualTo(decimals("1", "2"));
        byte[] unknown = bytes.clone();
        unknown[0] = 2;
        assertThatThrownBy(() -> TargetHistory.read(unknown)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> TargetHistory.read(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(SerializationException.class);
    }

    @Test
    void keysKeepARowsRevisionsTogetherInVersionOrder() {
        assertThat(TargetHistory.key("acme/2026/t/user/u-anna", 9)).isLessThan(TargetHistory.key("acme/2026/t/user/u-anna", 10));
        assertThat(TargetHistory.key("acme/2026/t/user/u-anna", 1)).isEqualTo("acme/2026/t/user/u-anna#0000000000000000001");
    }

    @Test
    void theSameTargetsAreTheSameValuesHoweverWrittenTheSameIntervalAndLock() {
        TargetRevision monthly = new TargetRevision(1, MARCH, Interval.QUARTER, decimals("1", "2", "3", "4"), false);

        assertThat(monthly.sameTargets(new TargetRevision(2, MARCH, Interval.QUARTER, decimals("1.00", "2", "3", "4"), false))).isTrue();
        assertThat(monthly.sameTargets(new TargetRevision(2, MARCH, Interval.QUARTER, decimals("1", "2", "3", "4"), true))).isFalse();
        assertThat(monthly.sameTargets(new TargetRevision(2, MARCH, Interval.QUARTER, decimals("2", "1", "3", "4"), false))).isFalse();
        assertThat(monthly.sameTargets(TargetRevision.removed(2, MARCH))).isFalse();
        assertThat(TargetRevision.removed(2, MARCH).sameTargets(TargetRevision.removed(3, MARCH))).isTrue();
    }
}
