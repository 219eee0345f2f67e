package cn.reformoffice.platform.benchmark;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** {@link AbstractJobsBenchmark} on PostgreSQL with durable commits ({@link BenchmarkPostgres}). */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=true", "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true", "spring.mail.host=127.0.0.1",
        "reform.notification.webhook.enabled=true", "logging.level.org.camunda=WARN" })
@ActiveProfiles({ "demo", "postgres" })
@Import(BenchmarkPostgres.class)
@DirtiesContext
class PostgresJobsBenchmark extends AbstractJobsBenchmark {

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
