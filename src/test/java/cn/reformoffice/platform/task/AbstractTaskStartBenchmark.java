package cn.reformoffice.platform.task;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.reformoffice.platform.testsupport.Profile;

/**
 * Benchmark, not a test (class names ending in Benchmark are run by neither Surefire nor Failsafe): reform
 * tasks created and started as the plan import's confirm does it ({@link ReformTaskService#createAndStart}:
 * record, parties, ledger, process, first step with its due date, reminder watch and authorizations), from
 * {@value #THREADS} client threads, against a minimal start → user task process started in the same JVM on
 * the same database. A warm-up round of each is discarded. Run one database with
 * {@code ./mvnw -o test -Dtest=H2TaskStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (or
 * {@code PostgresTaskStartBenchmark}); a JFR profile of the measured rounds with
 * {@code -Dbenchmark.jfr=true} (target/benchmark/task-start-&lt;database&gt;.jfr; deep stacks with
 * {@code JAVA_TOOL_OPTIONS=-XX:FlightRecorderOptions:stackdepth=256}).
 * Figures go to target/benchmark/task-start.csv (measure,database,value,unit,baseline,ratio,target,met) and
 * rows written per start to target/benchmark/task-start.md.
 */
abstract class AbstractTaskStartBenchmark {

    static final int THREADS = 4;
    static final String MINIMAL = "benchmark-minimal";
    static final double TARGET = 0.25;

    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired JdbcClient jdbc;

    abstract String database();

    int productTasks() {
        return Integer.getInteger("benchmark.tasks", 800);
    }

    int minimalStarts() {
        return Integer.getInteger("benchmark.minimal", 8000);
    }

    @Test
    void reformTaskStartsAgainstMinimalProcess() throws Exception {
        repositoryService.createDeployment().name(MINIMAL).addModelInstance(MINIMAL + ".bpmn",
                Bpmn.createExecutableProcess(MINIMAL).camundaHistoryTimeToLive(1).startEvent().userTask("Task_Work")
                        .endEvent().done())
                .deploy();

        // warm-up, discarded
        startsPerSecond(minimalStarts() / 4, i -> runtimeService.startProcessInstanceByKey(MINIMAL));
        startsPerSecond(productTasks() / 4, i -> createTask(2098, i));

        long[] before = rows();
        double product;
        try (Profile profile = Profile.start("task-start-" + database())) {
            product = startsPerSecond(productTasks(), i -> createTask(2099, i));
        }
        double productCpu = cpuMsPerStart;
        long[] after = rows();
        double minimal;
        try (Profile profile = Profile.start("task-start-minimal-" + database())) {
            minimal = startsPerSecond(minimalStarts(), i -> runtimeService.startProcessInstanceByKey(MINIMAL));
        }
        double minimalCpu = cpuMsPerStart;
        System.out.printf("BENCHMARK %s client-thread CPU per start: reform task %.2f ms, minimal %.3f ms%n", database(),
                productCpu, minimalCpu);

        double ratio = product / minimal;
        System.out.printf("BENCHMARK %s reform-task starts/s %.1f, minimal starts/s %.1f, ratio %.3f%n", database(),
                product, minimal, ratio);
        write(product, minimal, ratio, before, after);
    }

    private void createTask(int year, int i) {
        reformTasks.createAndStart(new NewReformTask("B" + year + "-" + i, year, "基准", "基准改革任务" + i,
                "目标" + i, "举措" + i, List.of("zhaomingyuan"), List.of("fgw"), List.of("czj"),
                LocalDate.of(year, 12, 31)), "office1");
    }

    /** CPU time of the client threads per start in the latest round, ms (H2 runs in them; PostgreSQL does not). */
    private double cpuMsPerStart;

    /** Runs {@code count} starts spread over {@value #THREADS} threads, returns starts per second. */
    private double startsPerSecond(int count, IntConsumer start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            List<Future<Long>> running = new ArrayList<>();
            long began = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = thread; i < count; i += THREADS) {
                        start.accept(i);
                    }
                    return threads.getCurrentThreadCpuTime() - cpu;
                }));
            }
            long cpu = 0;
            for (Future<Long> f : running) {
                cpu += f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            cpuMsPerStart = cpu / 1e6 / count;
            return count / seconds;
        } finally {
            pool.shutdown();
        }
    }

    static final String[] TABLES = { "ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_RU_AUTHORIZATION",
            "ACT_HI_ACTINST", "ACT_RU_EXECUTION", "ACT_RU_JOB", "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT",
            "ACT_RU_IDENTITYLINK", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG" };

    private long[] rows() {
        long[] counts = new long[TABLES.length];
        for (int i = 0; i < TABLES.length; i++) {
            counts[i] = jdbc.sql("select count(*) from " + TABLES[i]).query(Long.class).single();
        }
        return counts;
    }

    private void write(double product, double minimal, double ratio, long[] before, long[] after) throws IOException {
        Path csv = Path.of("target", "benchmark", "task-start.csv");
        Files.createDirectories(csv.getParent());
        List<String> lines = new ArrayList<>();
        if (Files.exists(csv)) {
            Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1)
                    .filter(line -> !line.split(",", -1)[1].equals(database())).forEach(lines::add);
        }
        lines.add(0, "measure,database,value,unit,baseline,ratio,target,met");
        lines.add(String.format(java.util.Locale.ROOT, "reform_task_starts_per_s,%s,%.1f,1/s,%.1f,%.3f,>=%.2f,%s",
                database(), product, minimal, ratio, TARGET, ratio >= TARGET ? "yes" : "no"));
        Files.write(csv, lines, StandardCharsets.UTF_8);

        StringBuilder md = new StringBuilder("\n## " + database() + ": rows written per reform task started\n\n");
        for (int i = 0; i < TABLES.length; i++) {
            md.append(String.format(java.util.Locale.ROOT, "- %s: %.2f%n", TABLES[i],
                    (after[i] - before[i]) / (double) productTasks()));
        }
        Files.writeString(Path.of("target", "benchmark", "task-start.md"), md, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(md);
    }
}
