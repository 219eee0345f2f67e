package cn.reformoffice.platform.ledger.export;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * {@link LedgerExportIT} on a real PostgreSQL server: the Excel ledger streams its rows from one query inside a
 * read-only transaction with a fetch size ({@code LedgerQuery.forEach}), which only PostgreSQL's driver honours.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresLedgerExportIT extends LedgerExportIT {
}
