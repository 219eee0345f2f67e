package cn.reformoffice.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.EngineClient;

/**
 * The ledger page's API, the dashboard and the Excel export at 100 and at 10,000 reform tasks, each with a
 * year of history in the read model ({@link LedgerYearGenerator}): p50/p95 of requests as the office and as
 * a unit clerk, logged in like a browser (session), one request at a time. A warm-up round at 100 tasks is
 * discarded. Not part of the normal build (class names ending in Benchmark are not run by Surefire or
 * Failsafe); run with
 * {@code ./mvnw -o test -Dtest='*LedgerBenchmark' -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures are printed, appended to target/benchmark/ledger.txt and written in the shared format to
 * target/benchmark/ledger-h2.csv or ledger-postgresql.csv (p95 at 10,000 tasks against 100; {@code
 * -Dbenchmark.ledger.tasks} makes the large round smaller for a quick run).
 */
abstract class AbstractLedgerBenchmark {

    private static final int SMALL = 100;
    /**
     * Requests per measure and size, one at a time. A p95 of 200 requests of 3–10 ms moved by a few ms between runs
     * (the tenth slowest request: a GC pause, a JIT compilation), so ratios near 3 flipped from run to run.
     */
    private static final int REQUESTS = 600;
    /** 10,000 unless {@code -Dbenchmark.ledger.tasks} says otherwise (a shorter run of the pipeline). */
    private static final int LARGE = Integer.getInteger("benchmark.ledger.tasks", 10_000);

    @Autowired JdbcTemplate jdbc;
    @Autowired OrganizationDirectory directory;
    @LocalServerPort int port;

    abstract String database();

    /** After bulk writes: fresh statistics (PostgreSQL's planner), nothing on H2. */
    void analyze() {
    }

    /**
     * {@code id}: the measure's short English name in target/benchmark/ledger-*.csv; {@code path} may hold {@code
     * %d} for a deep page: page 20 (index 19), or where the ledger has fewer pages (100 tasks: 2 pages of 50) its
     * last page, so both sizes answer a full page (page 20 of 100 tasks would be an empty page, which costs nothing
     * to render and made the ratio measure the rows of a page, not the size of the ledger).
     */
    record Measure(String id, String name, String user, String path, int requests) {

        String path(int tasks) {
            return path.replace("%d", String.valueOf(deepPage(tasks)));
        }
    }

    /** Page 20's index, or the last full page's where there are fewer (pages of the API's default size). */
    private static int deepPage(int tasks) {
        return Math.min(19, tasks / LedgerFilter.DEFAULT_PAGE_SIZE - 1);
    }

    private List<Measure> measures() {
        return List.of(
                new Measure("ledger_office_first_page", "台账首页（改革办）", "office1", "/api/ledger?year=2026", REQUESTS),
                new Measure("ledger_red_unit_by_due", "台账：红灯+单位+按到期排序", "office1", "/api/ledger?year=2026&light=RED&unit=fgw&sort=stepDue", REQUESTS),
                new Measure("ledger_search_title", "台账：搜索任务名称（约1/6命中）", "office1", "/api/ledger?q=" + encode("生态文明"), REQUESTS),
                new Measure("ledger_search_unit", "台账：搜索单位名称", "office1", "/api/ledger?q=" + encode("财政"), REQUESTS),
                new Measure("ledger_page_20", "台账：第20页（100项时：末页第2页）", "office1", "/api/ledger?year=2026&page=%d&sort=code", REQUESTS),
                new Measure("ledger_lead_unit_first_page", "台账首页（牵头单位）", "fgw1", "/api/ledger?year=2026", REQUESTS),
                new Measure("dashboard_office_year", "驾驶舱", "office1", "/api/dashboard?year=2026", REQUESTS / 2),
                new Measure("ledger_excel_export_all", "Excel 台账导出（全部）", "office1", "/api/ledger/export.xlsx?year=2026", 5));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void ledgerDashboardAndExportAtOneHundredAndTenThousandTasks() throws IOException {
        LedgerYearGenerator generator = new LedgerYearGenerator(jdbc, directory);
        generator.add(SMALL);
        analyze();
        Map<String, EngineClient> clients = new LinkedHashMap<>();
        for (String user : List.of("office1", "fgw1")) {
            clients.put(user, new EngineClient(port, EngineClient.Transport.WEBAPPS, user, "demo"));
        }
        run(clients, SMALL, false, 0.3);
        Map<String, double[]> small = run(clients, SMALL, true, 1);

        long start = System.nanoTime();
        int events = generator.add(LARGE - SMALL);
        long generateMs = (System.nanoTime() - start) / 1_000_000;
        analyze();
        long tasks = jdbc.queryForObject("select count(*) from reform_task", Long.class);
        assertThat(tasks).isEqualTo(LARGE);
        Map<String, double[]> large = run(clients, LARGE, true, 1);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n%s  %s, %d cores, JVM max heap %d MB; %d tasks, %d ledger events"
                + " (generated in %d ms)%n", LocalDate.now(), database(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, tasks,
                jdbc.queryForObject("select count(*) from ledger_event", Long.class), generateMs));
        cn.reformoffice.platform.benchmark.BenchmarkCsv csv = new cn.reformoffice.platform.benchmark.BenchmarkCsv(
                "ledger-" + (database().startsWith("H2") ? "h2" : "postgresql"));
        report.append("| measure | p50 @100 | p95 @100 | p50 @10,000 | p95 @10,000 | p95 ratio | target ≤ 3 |\n");
        report.append("|---|---|---|---|---|---|---|\n");
        StringBuilder p50 = new StringBuilder();
        for (Measure measure : measures()) {
            double[] s = small.get(measure.name());
            double[] l = large.get(measure.name());
            if (s == null || l == null) {
                report.append("| ").append(measure.name()).append(" | (endpoint missing) |||||\n");
                continue;
            }
            p50.append(p50.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f → %.1f ms (%.2f×)",
                    measure.id(), s[0], l[0], l[0] / s[0]));
            double ratio = l[1] / s[1];
            // the Excel export of every task grows with the rows by construction: no ratio target
            csv.ratio(measure.id() + "_p95", database().startsWith("H2") ? "H2" : "PostgreSQL", l[1], "ms", s[1],
                    measure.id().contains("excel") ? "-" : "<=3");
            report.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f | %s |%n",
                    measure.name(), s[0], s[1], l[0], l[1], ratio, ratio <= 3 ? "met" : "NOT met"));
        }
        report.append("JVM: ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        System.out.println(report);
        csv.note("%s; p95 of requests one at a time (logged in like a browser; %d per measure and size, the"
                + " dashboard %d, the export 5) at %,d tasks (value) against %,d (baseline), %,d ledger events, a year"
                + " of history from LedgerYearGenerator; page 20 at %,d tasks is their last page (%d, of %d entries);"
                + " warm-up round at %d discarded", database(), REQUESTS, REQUESTS / 2, tasks, SMALL,
                jdbc.queryForObject("select count(*) from ledger_event", Long.class), SMALL, deepPage(SMALL) + 1,
                LedgerFilter.DEFAULT_PAGE_SIZE, SMALL);
        csv.note("p50 at %,d → %,d tasks: %s", SMALL, tasks, p50);
        csv.write();
        Path out = Path.of("target/benchmark/ledger.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Each measure's p50 and p95 in ms (null when the endpoint does not answer 200). */
    private Map<String, double[]> run(Map<String, EngineClient> clients, int tasks, boolean measured, double share) {
        Map<String, double[]> results = new LinkedHashMap<>();
        for (Measure measure : measures()) {
            EngineClient client = clients.get(measure.user());
            String path = measure.path(tasks);
            EngineClient.Answer first = client.raw("GET", path, null);
            if (first.status() != 200) {
                System.out.println("skipped " + measure.name() + ": " + first.status());
                continue;
            }
            int n = Math.max(3, (int) (measure.requests() * share));
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                EngineClient.Answer answer = client.raw("GET", path, null);
                times.add((System.nanoTime() - start) / 1e6);
                assertThat(answer.status()).isEqualTo(200);
            }
            times.sort(Double::compare);
            double p50 = times.get((int) Math.floor(0.50 * (times.size() - 1)));
            double p95 = times.get((int) Math.ceil(0.95 * (times.size() - 1)));
            if (measured) {
                results.put(measure.name(), new double[] { p50, p95 });
                System.out.printf(Locale.ROOT, "%s at %d tasks: p50 %.1f ms, p95 %.1f ms (%d requests)%n",
                        measure.name(), tasks, p50, p95, n);
            }
        }
        return results;
    }
}
