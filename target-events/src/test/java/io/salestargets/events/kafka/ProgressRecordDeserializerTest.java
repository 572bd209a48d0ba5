package io.salestargets.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salestargets.events.ContractExamples;
import io.salestargets.events.InvalidInputException;
import io.salestargets.events.Topics;
import io.salestargets.events.json.EventJson;
import io.salestargets.events.progress.ProgressRecord;
import io.salestargets.events.progress.ProgressView;
import io.salestargets.events.progress.TargetAttained;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Both kinds of records of targets.progress, told apart by ce_type, or by the value without headers. */
class ProgressRecordDeserializerTest {

    private final ProgressRecordDeserializer deserializer = new ProgressRecordDeserializer();

    @Test
    void aViewReadsAsAView() {
        ProgressRecord record = deserializer.deserialize(Topics.PROGRESS, type("TargetProgress"), example("ProgressView.json"));

        assertThat(record).isEqualTo(EventJson.read(example("ProgressView.json"), ProgressView.class));
    }

    @Test
    void anAttainedRecordReadsAsTargetAttained() {
        ProgressRecord record = deserializer.deserialize(Topics.PROGRESS, type("TargetAttained"), example("TargetAttained.json"));

        assertThat(record).isInstanceOfSatisfying(TargetAttained.class, attained -> {
            assertThat(attained.rowKey().format()).isEqualTo("acme/2026/all-sales-amount/user/u-anna");
            assertThat(attained.targetVersion()).isEqualTo(3);
            assertThat(attained.actual()).isEqualByComparingTo("120450.50");
        });
    }

    @Test
    void withoutTheHeaderTheValueSaysWhichKind() {
        assertThat(deserializer.deserialize(Topics.PROGRESS, new RecordHeaders(), example("ProgressView.json")))
                .isInstanceOf(ProgressView.class);
        assertThat(deserializer.deserialize(Topics.PROGRESS, example("ProgressView.json"))).isInstanceOf(ProgressView.class);
        assertThat(deserializer.deserialize(Topics.PROGRESS, example("TargetAttained.json"))).isInstanceOf(TargetAttained.class);
    }

    @Test
    void aTombstoneReadsAsNull() {
        assertThat(deserializer.deserialize(Topics.PROGRESS, type("TargetProgress"), (byte[]) null)).isNull();
        assertThat(deserializer.deserialize(Topics.PROGRESS, null)).isNull();
    }

    @Test
    void anUnknownTypeIsRefusedNamingIt() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PROGRESS, type("TargetMissed"), example("ProgressView.json")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("targets.progress")
                .hasMessageContaining("unknown ce_type 'TargetMissed'");
        byte[] unknown = "{\"type\":\"TargetMissed\",\"tenantId\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PROGRESS, unknown))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown ce_type 'TargetMissed'");
    }

    @Test
    void aRecordThatIsNotItsKindIsRefusedNamingTheField() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PROGRESS, type("TargetProgress"), example("TargetAttained.json")))
                .isInstanceOf(SerializationException.class)
                .cause().isInstanceOf(InvalidInputException.class);
        byte[] notJson = "{\"tenantId\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.PROGRESS, notJson))
                .isInstanceOf(SerializationException.class)
                .cause().isInstanceOf(InvalidInputException.class);
    }

    private static Headers type(String type) {
        return new RecordHeaders().add(ProgressRecord.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] example(String file) {
        return ContractExamples.text(file).getBytes(StandardCharsets.UTF_8);
    }
}
