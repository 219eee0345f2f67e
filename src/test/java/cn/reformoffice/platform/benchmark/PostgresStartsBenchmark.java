package cn.reformoffice.platform.benchmark;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** {@link AbstractStartsBenchmark} on PostgreSQL with durable commits ({@link BenchmarkPostgres}), job executor off. */
@SpringBootTest(properties = { "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(BenchmarkPostgres.class)
@DirtiesContext
class PostgresStartsBenchmark extends AbstractStartsBenchmark {

    @Override
    String database() {
        return "PostgreSQL";
    }

    @Override
    String settings() {
        return BenchmarkPostgres.SETTINGS + "; ANALYZE after the warm-up round";
    }

    @Override
    void analyze() {
        jdbc.sql("analyze").update();
    }
}
