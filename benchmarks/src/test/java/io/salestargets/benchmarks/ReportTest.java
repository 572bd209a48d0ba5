package io.salestargets.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private final Report report = new Report("full", Map.of("startedAt", "2026-11-29T20:00:00Z", "cpu", "AMD EPYC", "cores", 2,
            "memoryGib", 23.5, "os", "Debian", "jdk", "17", "kafka", "4.1.2", "commit", "abc1234"));

    @Test
    void aGoalIsMetOrNotAndAFigureWithoutGoalIsNeither() {
        report.atLeast("1 Catch-up", "sales/s", 6_245, "sales/s", 20_000.0, 0.042, "producer ceiling");
        report.atMost("2 Latency", "p99", 180, "ms", 250.0, null, null);
        report.atMost("5 Footprint", "RSS", 512, "MiB", null, null, null);

        assertThat(report.figures()).extracting(Report.Figure::met).containsExactly(false, true, null);
        assertThat(report.figures()).extracting(Report.Figure::goal).containsExactly(">= 20,000", "<= 250", null);
    }

    @Test
    void theMarkdownShowsMachineGoalsMissesAndRatios() {
        report.atLeast("1 Catch-up", "sales/s until lag 0", 6_245, "sales/s", 20_000.0, 0.0421, "producer ceiling");
        report.atMost("2 Latency", "p99", 180.5, "ms", 250.0, null, null);
        report.note("the machine was shared");

        String markdown = report.markdown();

        assertThat(markdown).contains("AMD EPYC, 2 cores, 23.5 GiB", "commit abc1234")
                .contains("| 1 Catch-up | sales/s until lag 0 | 6,245 sales/s | >= 20,000 sales/s | **no** | 0.042 of producer ceiling |")
                .contains("| 2 Latency | p99 | 181 ms | <= 250 ms | yes |  |")
                .contains("* the machine was shared");
    }

    @Test
    void whatWasWrittenPerInputSaleIsATablePerTopicWithItsTotalAmongTheFigures() {
        WrittenPerSale writes = new WrittenPerSale("progress-projector", java.util.List.of("targets.progress"));
        WrittenPerSale.Result written = writes.between(
                new WrittenPerSale.Snapshot(Map.of("targets.progress", 100L), Map.of("targets.progress", 10_000L)),
                new WrittenPerSale.Snapshot(new java.util.TreeMap<>(Map.of("targets.progress", 300L, "progress-projector-sale-states-changelog", 1_050L)),
                        Map.of("targets.progress", 50_000L, "progress-projector-sale-states-changelog", 100_000L)),
                1_000);

        WrittenPerSale.report(report, "1 Catch-up", "the projector", written, 3.0);

        assertThat(written.total().offsetsPerSale()).isEqualTo(1.25);
        assertThat(written.total().bytesPerSale()).isEqualTo(140.0);
        assertThat(report.figures()).extracting(Report.Figure::met).containsExactly(true, null);
        assertThat(report.markdown()).contains("### What the projector wrote per input sale (1,000 sales)")
                .contains("| progress-projector-sale-states-changelog | 1.050 | 100 | 1,050 | 100,000 |")
                .contains("| targets.progress | 0.200 | 40 | 200 | 40,000 |")
                .contains("| all topics | 1.250 | 140 | 1,250 | 140,000 |");
    }

    @Test
    void writesTheMarkdownAndAJsonOfTheRawFigures(@TempDir Path directory) throws Exception {
        report.atMost("2 Latency", "p99", 180, "ms", 250.0, null, null);
        report.raw("latency", Map.of("p99Ms", 180.0));

        Path markdown = report.write(directory, "run");

        assertThat(markdown).hasFileName("run.md");
        assertThat(Files.readString(markdown)).contains("| 2 Latency | p99 |");
        JsonNode json = new ObjectMapper().readTree(directory.resolve("run.json").toFile());
        assertThat(json.at("/figures/0/met").asBoolean()).isTrue();
        assertThat(json.at("/raw/latency/p99Ms").asDouble()).isEqualTo(180.0);
        assertThat(json.at("/machine/commit").asText()).isEqualTo("abc1234");
    }

    @Test
    void formatsWholeNumbersWithSeparatorsAndSmallOnesWithTwoDecimals() {
        assertThat(Report.format(1_000_000)).isEqualTo("1,000,000");
        assertThat(Report.format(6245.4)).isEqualTo("6,245");
        assertThat(Report.format(8.144)).isEqualTo("8.14");
    }
}
