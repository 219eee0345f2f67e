package cn.reformoffice.platform.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * {@link DashboardIT} on a real PostgreSQL server, where the year's entries are grouped in the database (on H2 they
 * are counted in Java from one pass).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresDashboardIT extends DashboardIT {
}
