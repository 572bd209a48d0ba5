package io.salestargets.events;

import static io.salestargets.events.ContractExamples.assertSameMeaning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.salestargets.events.json.EventJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ContractExamplesTest {

    static final java.util.List<String> FILES = ContractExamples.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void exampleReadsAsItsRecordAndWritesBackWithTheSameMeaning(String file) {
        String json = ContractExamples.text(file);
        String recordName = ContractExamples.recordName(file);

        Object record = EventJson.read(json, ContractExamples.family(recordName));
        assertThat(record.getClass().getSimpleName()).isEqualTo(recordName);

        JsonNode written = ContractExamples.readTree(EventJson.writeString(record));
        assertSameMeaning(ContractExamples.readTree(json), written, "$");
        assertThat(EventJson.read(EventJson.write(record), ContractExamples.family(recordName))).isEqualTo(record);
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void schemaAcceptsExampleAndWhatTheRecordWrites(String file) {
        String json = ContractExamples.text(file);
        String recordName = ContractExamples.recordName(file);
        Object record = EventJson.read(json, ContractExamples.family(recordName));

        assertThat(ContractSchemas.validate(recordName, json)).isEmpty();
        assertThat(ContractSchemas.validate(recordName, EventJson.writeString(record))).isEmpty();
    }
}
