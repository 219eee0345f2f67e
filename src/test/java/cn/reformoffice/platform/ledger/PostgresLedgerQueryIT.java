package cn.reformoffice.platform.ledger;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** {@link LedgerQueryIT} on a real PostgreSQL server (its own null ordering, window counts and plans). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresLedgerQueryIT extends LedgerQueryIT {
}
