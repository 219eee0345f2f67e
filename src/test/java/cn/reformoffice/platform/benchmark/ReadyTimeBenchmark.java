package cn.reformoffice.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.reformoffice.bare.BareCamundaApplication;

/**
 * Ready time and resident memory of the platform as {@code java -jar} against a bare Camunda Spring Boot webapp
 * ({@link BareCamundaApplication}: engine, REST, webapps, actuator, no project code), each in its own JVM with the
 * same flags ({@code -Dbenchmark.ready.jvm}, default {@value #DEFAULT_JVM}) and an H2 database in memory. Ready =
 * from starting the process until {@code GET /actuator/health} answers 200 "UP" (both have the actuator); RSS =
 * VmRSS of /proc/&lt;pid&gt;/status at that moment. Three ways to start: the platform from its boot jar
 * ({@code java -jar target/reform-platform-*.jar}, nested jars), the platform from the same jar extracted
 * ({@code java -Djarmode=tools -jar … extract}: {@code java -jar app.jar} with lib/ beside it, Spring Boot's
 * recommended production layout) and the bare app on that same lib/ — the like-for-like pair the ratio compares.
 * One discarded warm-up start of each, then {@code -Dbenchmark.ready.rounds} (3) rounds, medians reported. Needs the
 * boot jar: run in the {@code -Pbenchmark} profile (after package).
 */
class ReadyTimeBenchmark {

    static final String DEFAULT_JVM = "-Xmx1g -XX:+UseG1GC";
    static final Path DIR = Path.of("target", "benchmark-ready");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Start(double seconds, double rssMb) {
    }

    @Test
    void platformAgainstBareCamundaWebapp() throws Exception {
        int rounds = BenchmarkCsv.size("benchmark.ready.rounds", 3);
        List<String> jvm = new ArrayList<>(Arrays.asList(System.getProperty("benchmark.ready.jvm", DEFAULT_JVM)
                .trim().split("\\s+")));
        jvm.addAll(List.of("-Duser.timezone=UTC", "-Dfile.encoding=UTF-8"));
        Path bootJar = BootJar.find();
        Path app = DIR.resolve("app");
        Path bare = DIR.resolve("bare");
        prepare(bootJar, app, bare);
        Path extractedJar = app.resolve(bootJar.getFileName());
        assertThat(extractedJar).exists();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> platformArgs = List.of("--spring.datasource.url=jdbc:h2:mem:ready;DB_CLOSE_DELAY=-1",
                "--reform.demo.seed-tasks=false");
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("bare", concat(List.of(java), jvm, List.of("-cp", bare + File.pathSeparator
                + app.resolve("lib") + "/*", BareCamundaApplication.class.getName(),
                "--spring.datasource.url=jdbc:h2:mem:bare;DB_CLOSE_DELAY=-1",
                // the platform's libraries include Flyway, which has no migrations to run for a bare engine
                "--spring.flyway.enabled=false")));
        commands.put("platform", concat(List.of(java), jvm, List.of("-jar", extractedJar.toString()), platformArgs));
        commands.put("platform-fat-jar", concat(List.of(java), jvm, List.of("-jar", bootJar.toString()),
                platformArgs));

        Map<String, List<Start>> starts = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
            for (var command : commands.entrySet()) {
                Start start = start(command.getKey() + "-" + round, command.getValue());
                System.out.printf("BENCHMARK ready %s round %d: %.2f s, RSS %.0f MB%s%n", command.getKey(), round,
                        start.seconds(), start.rssMb(), round == 0 ? " (warm-up, discarded)" : "");
                if (round > 0) {
                    starts.computeIfAbsent(command.getKey(), k -> new ArrayList<>()).add(start);
                }
            }
        }
        double bareReady = median(starts.get("bare"), Start::seconds);
        double platformReady = median(starts.get("platform"), Start::seconds);
        double fatReady = median(starts.get("platform-fat-jar"), Start::seconds);
        BenchmarkCsv csv = new BenchmarkCsv("ready");
        csv.ratio("ready_time_s", "H2", platformReady, "s", bareReady, "<=1.5");
        csv.ratio("ready_time_s_boot_jar", "H2", fatReady, "s", bareReady, "-");
        csv.ratio("rss_mb_at_ready", "H2", median(starts.get("platform"), Start::rssMb), "MB",
                median(starts.get("bare"), Start::rssMb), "-");
        csv.ratio("rss_mb_at_ready_boot_jar", "H2", median(starts.get("platform-fat-jar"), Start::rssMb), "MB",
                median(starts.get("bare"), Start::rssMb), "-");
        csv.note("medians of %d starts each after one discarded warm-up start; JVM flags `%s`; H2 in memory, demo"
                + " organization, no demo tasks; ready = GET /actuator/health answers UP; RSS = VmRSS at that moment",
                rounds, String.join(" ", jvm));
        starts.forEach((name, list) -> csv.note("%s: %s", name, list.stream()
                .map(s -> String.format(Locale.ROOT, "%.2f s / %.0f MB", s.seconds(), s.rssMb())).toList()));
        csv.note("`ready_time_s`: the platform from the extracted boot jar (java -jar app.jar, lib/ beside it) against"
                + " the bare webapp on the same lib/; `*_boot_jar`: the platform as java -jar target/%s (nested jars)",
                bootJar.getFileName());
        csv.write();
    }

    /** Extracts the boot jar (the platform's libraries) and copies the bare application's classes alone. */
    private static void prepare(Path bootJar, Path app, Path bare) throws Exception {
        Files.createDirectories(DIR);
        deleteRecursively(app);
        deleteRecursively(bare);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", bootJar.toString(), "extract",
                "--destination", app.toString()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(extract.exitValue()).as("jarmode=tools extract, see " + DIR.resolve("extract.log")).isZero();
        String packagePath = BareCamundaApplication.class.getPackageName().replace('.', '/');
        Path classes = Path.of(BareCamundaApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(packagePath);
        Path target = bare.resolve(packagePath);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Start start(String name, List<String> command) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> full = new ArrayList<>(command);
        full.add("--server.port=" + port);
        Path log = DIR.resolve(name + ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ", see " + log);
                }
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 && answer.body().contains("UP")) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        return new Start(seconds, rssMb(process.pid()));
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                    throw new AssertionError(name + " not ready within 5 minutes, see " + log);
                }
                Thread.sleep(50);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static double rssMb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)
                .findFirst().orElse(Double.NaN);
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> value) {
        double[] sorted = values.stream().mapToDouble(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** target/reform-platform-*.jar, the boot jar (not the plain one). */
    static final class BootJar {
        static Path find() throws IOException {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                return files.filter(p -> p.getFileName().toString().matches("reform-platform-.*\\.jar")
                        && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                        .orElseThrow(() -> new AssertionError("target/reform-platform-*.jar missing: run with"
                                + " ./mvnw -Pbenchmark verify (benchmarks run after package)"));
            }
        }
    }
}
