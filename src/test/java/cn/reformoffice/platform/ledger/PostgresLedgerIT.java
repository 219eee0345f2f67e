package cn.reformoffice.platform.ledger;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * {@link LedgerIT} on a real PostgreSQL server: the page's search counts its lights in the same query as the
 * page (window counts), which PostgreSQL plans differently from H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresLedgerIT extends LedgerIT {
}
