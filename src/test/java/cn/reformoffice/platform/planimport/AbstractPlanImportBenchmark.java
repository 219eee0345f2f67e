package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Preview and confirm of a generated 1,000-task plan through REST, one discarded warm-up round on another
 * year first. Not part of the normal build (the class names end in Benchmark, which neither Surefire nor
 * Failsafe includes); run with
 * {@code ./mvnw -o test -Dtest='*PlanImportBenchmark' -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures are printed and appended to target/benchmark/plan-import.txt.
 */
abstract class AbstractPlanImportBenchmark extends AbstractPlanImportIT {

    /** 1,000 unless {@code -Dbenchmark.planimport.tasks} says otherwise (a shorter run of the pipeline). */
    static final int TASKS = Integer.getInteger("benchmark.planimport.tasks", 1000);

    @Autowired JdbcClient jdbc;

    abstract String database();

    @Test
    void previewAndConfirmAThousandTasks() throws IOException {
        round(2090, false);
        round(2091, true);
    }

    private void round(int year, boolean report) throws IOException {
        byte[] plan = PlanGenerator.plan(year, TASKS);

        long start = System.nanoTime();
        ResponseEntity<Map<String, Object>> preview = preview("office1", plan, "plan.txt", null);
        long previewMs = millis(start);
        assertStatus(preview, 201);
        assertThat(summary(preview.getBody())).containsEntry("total", TASKS).containsEntry("unknownNames", 0);
        int toStart = (Integer) summary(preview.getBody()).get("toStart");

        start = System.nanoTime();
        ResponseEntity<Map<String, Object>> confirm = confirm("office1", (String) preview.getBody().get("id"), Map.of(), true);
        long confirmMs = millis(start);
        assertStatus(confirm, 200);
        assertThat(jdbc.sql("select count(*) from reform_task where plan_year = ?").param(year).query(Long.class).single())
                .isEqualTo(TASKS);

        start = System.nanoTime();
        ResponseEntity<Map<String, Object>> again = preview("office1", plan, "plan.txt", null);
        long reviewMs = millis(start);
        assertThat(summary(again.getBody())).containsEntry("unchanged", TASKS);

        start = System.nanoTime();
        ResponseEntity<List<Map<String, Object>>> unitTasks = get("fgw1",
                "/engine-rest/task?candidateGroup=fgw&maxResults=50", LIST);
        long queryMs = millis(start);
        assertStatus(unitTasks, 200);

        String line = String.format("%-10s %,d tasks (%d processes started): preview %,d ms, confirm %,d ms, "
                + "re-import preview %,d ms, unit task query %,d ms", database(), TASKS, toStart, previewMs, confirmMs,
                reviewMs, queryMs);
        System.out.println((report ? "BENCHMARK " : "warm-up   ") + line);
        if (report) {
            Path out = Path.of("target", "benchmark", "plan-import.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
