package cn.reformoffice.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Starts per second with 4 client threads: reform tasks created and started the way the plan import's confirm
 * does it ({@link ReformTaskService#createAndStart}: the record, its parties, the process, the first step, its
 * reminder, authorizations and the ledger entry; one transaction per plan, as {@code PlanImportService} confirms a
 * whole plan in one transaction), against the smallest process (start, one user task) deployed into the same
 * engine and started by the same threads in the same run, each in its own transaction. The same reform tasks one
 * per transaction (as {@code POST /api/tasks} creates one) are reported too, without a target. A warm-up round of
 * each is discarded. Sizes: {@code -Dbenchmark.starts.tasks} (reform tasks, default 4,800, rounded up to whole
 * plans for every thread in every round), {@code -Dbenchmark.starts.plan} (tasks per plan, default 25: the
 * 2022 city plan in the test resources has 23),
 * {@code -Dbenchmark.starts.minimal} (minimal processes, default 10,000), {@code -Dbenchmark.threads} (4).
 */
abstract class AbstractStartsBenchmark {

    static final long SEED = 20261130L;

    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    abstract String database();

    abstract String settings();

    /** After bulk writes: fresh statistics (PostgreSQL's planner), nothing on H2. */
    void analyze() {
    }

    @Test
    void reformTaskStartsAgainstTheMinimalProcess() throws Exception {
        int plan = BenchmarkCsv.size("benchmark.starts.plan", 25);
        int threads = BenchmarkCsv.size("benchmark.threads", 4);
        // whole plans, as many per thread in every round. 1,200 tasks (until stop 22) measured too little: a warm-up of
        // 120 tasks left the product's path less compiled than the minimal process's (client CPU per start on H2 3.4–3.5
        // ms against 2.9 ms after a warm-up of 480), and a round of 16 plans ended with its last plan alone on one of the
        // two cores (a round of plans 8–10% slower than the same tasks one per transaction at the same CPU per start,
        // 2% with 64 plans a round)
        int wave = plan * threads * ROUNDS;
        int tasks = (BenchmarkCsv.size("benchmark.starts.tasks", 4_800) + wave - 1) / wave * wave;
        int minimal = BenchmarkCsv.size("benchmark.starts.minimal", 10_000);
        repositoryService.createDeployment().name("benchmark-minimal")
                .addClasspathResource("benchmark/benchmark-minimal.bpmn").deploy();
        int warmTasks = Math.max(plan * threads, tasks / 10);
        List<NewReformTask> requests = requests(directory, 2 * (tasks + warmTasks) + ROW_SAMPLE);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        // the plan import's confirm: one transaction for plan p's tasks
        IntConsumer confirmPlan = p -> transaction.executeWithoutResult(status -> {
            for (int i = p * plan; i < Math.min((p + 1) * plan, tasks); i++) {
                reformTasks.createAndStart(requests.get(i), "office1");
            }
        });
        int planCount = (tasks + plan - 1) / plan;

        // warm-up round, discarded
        run(threads, warmTasks, i -> reformTasks.createAndStart(requests.get(2 * tasks + i), "office1"));
        run(threads, Math.max(200, minimal / 10), i -> runtimeService.startProcessInstanceByKey("benchmark-minimal"));
        analyze();

        // rows written per start, by table (outside the timed rounds): the product's and the minimal process's
        Map<String, Long> beforeProduct = rowsByTable();
        for (int i = 0; i < ROW_SAMPLE; i++) {
            reformTasks.createAndStart(requests.get(2 * tasks + warmTasks + i), "office1");
        }
        Map<String, Long> beforeMinimal = rowsByTable();
        for (int i = 0; i < ROW_SAMPLE; i++) {
            runtimeService.startProcessInstanceByKey("benchmark-minimal", "R-" + i);
        }
        Map<String, Long> afterMinimal = rowsByTable();

        // alternating rounds, so that a change in the machine's load affects the product and the baseline alike
        double minimalSeconds = 0;
        double productSeconds = 0;
        double singleSeconds = 0;
        AtomicLong minimalCpu = new AtomicLong();
        AtomicLong productCpu = new AtomicLong();
        AtomicLong singleCpu = new AtomicLong();
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            minimalSeconds += run(threads, share(minimal, r), i -> runtimeService.startProcessInstanceByKey(
                    "benchmark-minimal", "M-" + r + "-" + i), minimalCpu);
            int firstPlan = planCount * r / ROUNDS;
            productSeconds += run(threads, planCount * (r + 1) / ROUNDS - firstPlan,
                    p -> confirmPlan.accept(firstPlan + p), productCpu);
            int firstSingle = tasks * r / ROUNDS;
            singleSeconds += run(threads, share(tasks, r),
                    i -> reformTasks.createAndStart(requests.get(tasks + firstSingle + i), "office1"), singleCpu);
        }

        assertThat(jdbc.sql("select count(*) from reform_task where process_instance_id is not null").query(Long.class)
                .single()).isEqualTo(2L * tasks + warmTasks + ROW_SAMPLE);
        double productRate = tasks / productSeconds;
        double singleRate = tasks / singleSeconds;
        double minimalRate = minimal / minimalSeconds;
        BenchmarkCsv csv = new BenchmarkCsv("starts-" + database().toLowerCase(java.util.Locale.ROOT));
        csv.ratio("starts_per_s", database(), productRate, "1/s", minimalRate, ">=0.25");
        csv.ratio("starts_per_s_one_per_transaction", database(), singleRate, "1/s", minimalRate, "-");
        csv.note("%s, %d client threads; %d reform tasks in plans of %d, one transaction per plan as the import "
                + "confirms, in %.1f s (%.1f ms per task per thread); the same number one per transaction (as "
                + "POST /api/tasks) in %.1f s (%.1f ms); %d minimal processes in %.1f s; the three measured in %d "
                + "alternating rounds; warm-up round (%d reform tasks, %d minimal) discarded; seed %d", settings(), threads, tasks, plan, productSeconds,
                1000.0 * productSeconds * threads / tasks, singleSeconds, 1000.0 * singleSeconds * threads / tasks,
                minimal, minimalSeconds, ROUNDS, warmTasks, Math.max(200, minimal / 10), SEED);
        csv.note("client CPU per start: %.2f ms reform task in a plan, %.2f ms reform task alone, %.3f ms minimal "
                + "process (thread CPU time of the client threads%s)", productCpu.get() / 1e6 / tasks,
                singleCpu.get() / 1e6 / tasks, minimalCpu.get() / 1e6 / minimal,
                database().equals("H2") ? ", where H2 in memory also runs" : "; PostgreSQL's own work is not in it");
        csv.value("rows_per_start", database(), total(beforeProduct, beforeMinimal), "rows",
                total(beforeMinimal, afterMinimal), "-");
        csv.note("rows written per start (%d of each, outside the timed rounds): reform task %s; minimal process %s",
                ROW_SAMPLE, perStart(beforeProduct, beforeMinimal), perStart(beforeMinimal, afterMinimal));
        csv.write();
    }

    private static final int ROW_SAMPLE = 20;

    /** Rows in every table of the schema. */
    private Map<String, Long> rowsByTable() {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : jdbc.sql("select table_name from information_schema.tables "
                + "where lower(table_schema) = 'public' and table_type = 'BASE TABLE'").query(String.class).list()) {
            rows.put(table.toLowerCase(java.util.Locale.ROOT),
                    jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
        }
        return rows;
    }

    private static double total(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum()
                / (double) ROW_SAMPLE;
    }

    private static String perStart(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder text = new StringBuilder();
        after.forEach((table, count) -> {
            long added = count - before.getOrDefault(table, 0L);
            if (added != 0) {
                text.append(text.length() == 0 ? "" : ", ").append(table).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f", added / (double) ROW_SAMPLE));
            }
        });
        return String.format(java.util.Locale.ROOT, "%.1f rows (%s)", total(before, after), text);
    }

    /** The measured operations alternate in this many rounds. */
    static final int ROUNDS = 3;

    /** Round {@code r}'s part of {@code total} operations. */
    private static int share(int total, int r) {
        return total * (r + 1) / ROUNDS - total * r / ROUNDS;
    }

    /** Runs {@code count} operations on {@code threads} threads, returns the wall time in seconds. */
    static double run(int threads, int count, IntConsumer operation) throws Exception {
        return run(threads, count, operation, new AtomicLong());
    }

    /** The same, adding the client threads' CPU time (ns) to {@code cpu}: with H2 in memory that is all of it. */
    static double run(int threads, int count, IntConsumer operation, AtomicLong cpu) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long cpuAtStart = mx.getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        operation.accept(i);
                    }
                    cpu.addAndGet(mx.getCurrentThreadCpuTime() - cpuAtStart);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reform tasks like a plan's rows: fixed seed, one or two lead units, up to three cooperating, a leader sometimes. */
    static List<NewReformTask> requests(OrganizationDirectory directory, int count) {
        Random random = new Random(SEED);
        List<Unit> units = directory.units();
        List<Person> leaders = directory.leaders();
        List<NewReformTask> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> lead = new ArrayList<>();
            lead.add(units.get(random.nextInt(units.size())).id());
            if (random.nextInt(4) == 0) {
                lead.add(units.get(random.nextInt(units.size())).id());
            }
            List<String> coop = new ArrayList<>();
            for (int c = random.nextInt(4); c > 0; c--) {
                coop.add(units.get(random.nextInt(units.size())).id());
            }
            List<String> leader = random.nextInt(3) == 0 && !leaders.isEmpty()
                    ? List.of(leaders.get(random.nextInt(leaders.size())).id()) : List.of();
            requests.add(new NewReformTask("B-%05d".formatted(i), 2026, "基准改革", "基准改革任务第" + i + "项",
                    "目标" + i, "举措" + i, leader, lead.stream().distinct().toList(), coop, LocalDate.of(2026, 12, 31)));
        }
        return requests;
    }
}
