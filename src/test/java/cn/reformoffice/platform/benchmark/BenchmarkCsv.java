package cn.reformoffice.platform.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark's figures in the shared result format: {@code target/benchmark/<name>.csv} with the header
 * {@value #HEADER} (one row per figure) and free-text details in {@code target/benchmark/<name>.md}.
 * {@link BenchmarkReport} collects every such file into {@code docs/benchmark-results.csv} and
 * {@code docs/benchmarks.md}.
 */
public final class BenchmarkCsv {

    public static final String HEADER = "measure,database,value,unit,baseline,ratio,target,met";
    public static final Path DIR = Path.of("target", "benchmark");

    private final String name;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchmarkCsv(String name) {
        this.name = name;
    }

    /** A figure compared with its baseline; the target (such as {@code >=0.25}) applies to the ratio. */
    public BenchmarkCsv ratio(String measure, String database, double value, String unit, double baseline,
            String target) {
        double ratio = value / baseline;
        return add(measure, database, value, unit, baseline, ratio, target, ratio);
    }

    /** A figure whose target (such as {@code <512} or {@code =0}) applies to the value itself. */
    public BenchmarkCsv value(String measure, String database, double value, String unit, Double baseline,
            String target) {
        Double ratio = baseline == null || baseline == 0 ? null : value / baseline;
        return add(measure, database, value, unit, baseline, ratio, target, value);
    }

    private BenchmarkCsv add(String measure, String database, double value, String unit, Double baseline,
            Double ratio, String target, double checked) {
        String met = target == null || target.equals("-") ? "-" : meets(checked, target) ? "yes" : "no";
        rows.add(String.join(",", measure, database, number(value), unit, baseline == null ? "-" : number(baseline),
                ratio == null ? "-" : number(ratio), target == null ? "-" : target, met));
        System.out.printf(Locale.ROOT, "BENCHMARK %s %s: %s %s (baseline %s, ratio %s, target %s: %s)%n", measure,
                database, number(value), unit, baseline == null ? "-" : number(baseline),
                ratio == null ? "-" : number(ratio), target, met);
        return this;
    }

    /** A line of the details file (settings, sizes, what the round did). */
    public BenchmarkCsv note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        notes.add(line);
        System.out.println("BENCHMARK note: " + line);
        return this;
    }

    /** Writes (replaces) this benchmark's csv and md files. */
    public void write() {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(name + ".csv"), HEADER + "\n" + String.join("\n", rows) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(DIR.resolve(name + ".md"), "### " + name + "\n\n"
                    + String.join("\n", notes.stream().map(n -> "- " + n).toList()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean meets(double value, String target) {
        String op = target.replaceAll("[0-9.\\-]+$", "");
        double limit = Double.parseDouble(target.substring(op.length()));
        return switch (op) {
            case ">=" -> value >= limit;
            case ">" -> value > limit;
            case "<=" -> value <= limit;
            case "<" -> value < limit;
            case "=", "==" -> value == limit;
            default -> throw new IllegalArgumentException("target " + target);
        };
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : Math.abs(value) >= 1 ? "%.2f" : "%.4f",
                value);
    }

    /** An integer system property (sizes of a round), with its default. */
    public static int size(String property, int defaultValue) {
        return Integer.getInteger(property, defaultValue);
    }
}
