package io.salestargets.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's results: the headline figures (each with its goal, and its ratio to the machine's Kafka
 * ceiling where that makes sense) for the Markdown report, and every raw figure for the JSON.
 */
final class Report {

    /**
     * @param goal    e.g. {@code >= 50000}, or null when the issue sets none
     * @param met     whether the goal is met; null without a goal
     * @param ceiling the measured value divided by the matching ceiling figure, or null
     */
    record Figure(String section, String what, double value, String unit, String goal, Boolean met, Double ceiling,
            String ceilingOf) {
    }

    /** A table of its own under the figures: a breakdown that would crowd the main table. */
    record Table(String title, List<String> header, List<List<String>> rows) {
    }

    private final Map<String, Object> machine;
    private final String scale;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();

    Report(String scale, Map<String, Object> machine) {
        this.scale = scale;
        this.machine = machine;
    }

    /** A figure with a goal of at least {@code atLeast} (null: none). */
    void atLeast(String section, String what, double value, String unit, Double atLeast, Double ceiling, String ceilingOf) {
        figures.add(new Figure(section, what, value, unit, atLeast == null ? null : ">= " + format(atLeast),
                atLeast == null ? null : value >= atLeast, ceiling, ceilingOf));
    }

    /** A figure with a goal of at most {@code atMost} (null: none). */
    void atMost(String section, String what, double value, String unit, Double atMost, Double ceiling, String ceilingOf) {
        figures.add(new Figure(section, what, value, unit, atMost == null ? null : "<= " + format(atMost),
                atMost == null ? null : value <= atMost, ceiling, ceilingOf));
    }

    void raw(String name, Object value) {
        raw.put(name, value);
    }

    void table(String title, List<String> header, List<List<String>> rows) {
        tables.add(new Table(title, List.copyOf(header), List.copyOf(rows)));
    }

    void note(String note) {
        notes.add(note);
    }

    List<Figure> figures() {
        return figures;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run: ").append(machine.get("startedAt")).append(", scale ").append(scale).append("\n\n");
        md.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("memoryGib")).append(" GiB; ").append(machine.get("os")).append("; JDK ")
                .append(machine.get("jdk")).append("; Kafka ").append(machine.get("kafka")).append("; commit ")
                .append(machine.get("commit")).append(".\n\n");
        if (scale.equals("small")) {
            md.append("Scale `small` checks that the harness works; its figures say nothing about speed.\n\n");
        }
        md.append("| Section | Figure | Measured | Goal | Met | Ratio to ceiling |\n|---|---|---:|---|---|---|\n");
        for (Figure figure : figures) {
            md.append("| ").append(figure.section()).append(" | ").append(figure.what()).append(" | ")
                    .append(format(figure.value())).append(' ').append(figure.unit()).append(" | ")
                    .append(figure.goal() == null ? "" : figure.goal() + " " + figure.unit()).append(" | ")
                    .append(figure.met() == null ? "" : figure.met() ? "yes" : "**no**").append(" | ")
                    .append(figure.ceiling() == null ? "" : String.format(Locale.ROOT, "%.3f of %s", figure.ceiling(), figure.ceilingOf()))
                    .append(" |\n");
        }
        for (Table table : tables) {
            md.append("\n### ").append(table.title()).append("\n\n| ").append(String.join(" | ", table.header())).append(" |\n|---|")
                    .append("---:|".repeat(table.header().size() - 1)).append("\n");
            table.rows().forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        }
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(note -> md.append("* ").append(note).append("\n"));
        }
        md.append("\nRaw figures: the JSON file of the same name.\n");
        return md.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scale", scale);
        json.put("machine", machine);
        json.put("figures", figures);
        json.put("tables", tables);
        json.put("notes", notes);
        json.put("raw", raw);
        return json;
    }

    /** Writes {@code <name>.md} and {@code <name>.json} into {@code directory}; returns the Markdown file. */
    Path write(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Path md = directory.resolve(name + ".md");
            Files.writeString(md, markdown());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve(name + ".json").toFile(), json());
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
